import Testing
@testable import Dispatcher

/// Values printed by Kamailio 5.6.3's `dispatcher.hash` RPC (unsigned).
@Suite("Kamailio's ds_get_hash, bit for bit")
struct KamailioHashTests {
    @Test("single values match dispatcher.hash", arguments: [
        ("x", UInt32(119)),
        ("abc", 7_167_810),
        ("abcd", 1_834_959_896),
        ("callid-0001@10.0.0.1", 1_823_044_215),
        ("a84b4c76e66710@pc33.atlanta.com", 2_175_018_094),
        ("héllo-ü", 2_906_182_631),
    ])
    func single(_ input: String, _ expected: UInt32) {
        #expect(KamailioHash.hash(input) == expected)
    }

    @Test("two values hash as user then host")
    func pair() {
        #expect(KamailioHash.hash("alice", "example.com") == 1_442_294_598)
    }

    @Test("non-ASCII bytes are signed chars, not unsigned")
    func signedChars() {
        // An unsigned-char implementation gives 3353205951 here.
        #expect(KamailioHash.hash("héllo-ü") != 3_353_205_951)
    }

    @Test("a From URI hashes its user and host, the default port left out")
    func uriKey() {
        let expected = KamailioHash.hash("alice", "example.com")
        #expect(URIHashKey.hash("sip:alice@example.com", userOnly: false) == expected)
        #expect(URIHashKey.hash("\"Alice\" <sip:alice@example.com:5060>;tag=1", userOnly: false) == expected)
        #expect(URIHashKey.hash("sip:alice@example.com;transport=tcp", userOnly: false) == expected)
        #expect(URIHashKey.hash("sip:alice@example.com:5080", userOnly: false) == KamailioHash.hash("alice", "example.com:5080"))
        #expect(URIHashKey.hash("sips:alice@example.com:5061", userOnly: false) == expected)
        #expect(URIHashKey.hash("sips:alice@example.com:5060", userOnly: false) == KamailioHash.hash("alice", "example.com:5060"))
        #expect(URIHashKey.hash("sip:alice@example.com:5080", userOnly: true) == KamailioHash.hash("alice"))
        #expect(URIHashKey.hash("not a uri", userOnly: false) == nil)
    }

    @Test("the Call-ID is trimmed before hashing")
    func trimmed() {
        #expect(KamailioHash.hashTrimmed("  callid-0001@10.0.0.1\r\n") == 1_823_044_215)
    }
}

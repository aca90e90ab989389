@testable import Dispatcher
import Testing

/// Reads `text` and returns the error it was refused with, or nil if it was accepted.
private func refusal(_ text: String, file: String = "gw.list", block: Bool = false) -> ListError? {
    do throws(ListError) {
        _ = try block ? DestinationList(block: text, file: file) : DestinationList(parsing: text, file: file)
        return nil
    } catch {
        return error
    }
}

/// The entries without their source locations, to compare lists read from different texts.
private func withoutLocations(_ list: DestinationList) -> [DestinationSpec] {
    list.entries.map { var e = $0; e.location = nil; return e }
}

@Suite("Kamailio dispatcher.list format")
struct KamailioListFormatTests {
    static let realistic = """
    # gateways for outbound calls
    # setid  destination                 flags  priority  attrs

    1  sip:gw-a.example.net:5060          0      5         duid=gwa;weight=50;maxload=20;
    1  gw-b.example.net                   8      10        weight=30;region=eu-west;socket=udp:10.0.0.9:5060   # probed
    1  sip:carol@10.0.0.3:5070;transport=tcp 0   10        duid=gwc;cc=1;latency=40
    \t1 sips:[2001:db8::1]:5061          0      1
    2  sip:backup.example.net             4                # disabled, no priority given

    """

    @Test("A realistic list keeps every field, with comments and blank lines ignored")
    func realisticList() throws {
        let list = try DestinationList(kamailioList: Self.realistic, file: "gw.list")
        #expect(list.entries.count == 5)
        #expect(list.setIDs == [1, 2])

        let a = list.entries[0]
        #expect(a.uri == "sip:gw-a.example.net:5060")
        #expect(a.priority == 5)
        #expect(a.attributes.duid == "gwa")
        #expect(a.attributes.weight == 50)
        #expect(a.attributes.maxload == 20)
        #expect(a.attributes.body == "duid=gwa;weight=50;maxload=20")
        #expect(a.location == SourceLocation(file: "gw.list", line: 4, column: 1))

        let b = list.entries[1]
        #expect(b.uri == "sip:gw-b.example.net")
        #expect(b.flags == .probing)
        #expect(b.attributes.socket == "udp:10.0.0.9:5060")
        #expect(b.attributes.extra == [.init(name: "region", value: "eu-west")])

        let c = list.entries[2]
        #expect(c.uri == "sip:carol@10.0.0.3:5070;transport=tcp")
        #expect(c.attributes.congestionControl)
        #expect(c.attributes.latency == 40)

        #expect(list.entries[3].uri == "sips:[2001:db8::1]:5061")
        #expect(list.entries[3].location?.line == 7)
        #expect(list.entries[4].flags == .disabled)
        #expect(list.entries[4].priority == 0)
    }

    @Test("Windows line ends and a comment right after the URI are not part of any field")
    func lineEndsAndComments() throws {
        let list = try DestinationList(kamailioList: "1 sip:a#old\r\n\r\n  # note\r\n1 sip:b 0 0 x=1\r\n", file: "crlf.list")
        #expect(list.entries.map(\.uri) == ["sip:a", "sip:b"])
        #expect(list.entries[1].attributes.extra == [.init(name: "x", value: "1")])
        #expect(list.entries[1].location?.line == 4)
    }

    @Test("Index order follows Kamailio 5.6: priority descending, ties in reverse file order")
    func indexOrder() throws {
        let text = """
        1 sip:a 0 5
        1 sip:b 0 10
        1 sip:c 0 10
        1 sip:d 0 1
        """
        let list = try DestinationList(kamailioList: text, file: "order.list")
        #expect(list.ordered(set: 1).map(\.uri) == ["sip:c", "sip:b", "sip:a", "sip:d"])
    }

    @Test("Unknown attributes are kept in order and the scheme is prepended")
    func unknownAttributesAndScheme() throws {
        let list = try DestinationList(kamailioList: "3 10.1.2.3:5080 0 0 Zone=a;weight=7;team=voice\n", file: "x.list")
        let entry = try #require(list.entries.first)
        #expect(entry.uri == "sip:10.1.2.3:5080")
        #expect(entry.attributes.weight == 7)
        #expect(entry.attributes.extra.map(\.name) == ["Zone", "team"])
        #expect(entry.attributes.extra.map(\.value) == ["a", "voice"])
    }

    @Test("Out-of-range weights become 0, as Kamailio zeroes them")
    func weightsOutOfRange() throws {
        let attributes = DestinationAttributes(parsing: "weight=150;rweight=0;WEIGHT=abc;maxload=x")
        #expect(attributes.weight == 0)
        #expect(attributes.rweight == 0)
        #expect(attributes.maxload == 0)
        let strict = try DestinationAttributes.parse("weight=150;rweight=-3", at: SourceLocation(file: "f", line: 1, column: 1))
        #expect(strict.weight == 0 && strict.rweight == 0)
    }

    @Test("Writing a list and reading it back gives the same entries")
    func roundTrip() throws {
        let list = try DestinationList(kamailioList: Self.realistic, file: "gw.list")
        let text = list.kamailioListText()
        let again = try DestinationList(kamailioList: text, file: "again.list")
        #expect(withoutLocations(again) == withoutLocations(list))
        #expect(text.contains("1 sip:gw-a.example.net:5060 0 5 duid=gwa;weight=50;maxload=20\n"))
        #expect(again.kamailioListText() == text)
    }

    @Test("An attribute edited in memory is written out, not the stale body")
    func editedAttributesAreWritten() throws {
        var list = try DestinationList(kamailioList: "1 sip:a 0 0 weight=5;x=y\n", file: "a.list")
        list.entries[0].attributes.weight = 60
        let again = try DestinationList(kamailioList: list.kamailioListText(), file: "b.list")
        #expect(again.entries[0].attributes.weight == 60)
        #expect(again.entries[0].attributes.extra == [.init(name: "x", value: "y")])
    }
}

@Suite("dispatcher { } block format")
struct BlockFormatTests {
    static let example = """
    # comment, also // comments
    dispatcher {
        mode = "round-robin";       # an Algorithm name/alias/number
        setid = 1;                  // optional default set for this block
        destination { protocol = "sip"; host = "sip-server1"; port = 5060; }
        destination { protocol = "sip"; host = "10.0.0.2"; port = 5070; transport = "tcp"; weight = 50; priority = 5; setid = 2; maxload = 20; duid = "gw2"; capacity = 100; }
    }
    """

    @Test("The example block reads into URIs, attrs and a mode")
    func example() throws {
        let list = try DestinationList(parsing: Self.example, file: "dispatcher.conf")
        #expect(list.modes == [1: .roundRobin])
        #expect(list.entries.count == 2)

        let first = list.entries[0]
        #expect(first.setID == 1)
        #expect(first.uri == "sip:sip-server1:5060")
        #expect(first.attributes == DestinationAttributes())
        #expect(first.location == SourceLocation(file: "dispatcher.conf", line: 5, column: 5))

        let second = list.entries[1]
        #expect(second.setID == 2)
        #expect(second.uri == "sip:10.0.0.2:5070;transport=tcp")
        #expect(second.priority == 5)
        #expect(second.attributes.body == "weight=50;maxload=20;duid=gw2;capacity=100")
        #expect(second.attributes.weight == 50)
        #expect(second.attributes.maxload == 20)
        #expect(second.attributes.duid == "gw2")
        #expect(second.attributes.capacity == 100)
    }

    @Test("Several blocks each bring their own set and mode; extras and IPv6 hosts are kept")
    func severalBlocks() throws {
        let text = """
        dispatcher {
            destination { host = "a"; }
            setid = 7;
            mode = 10;
        }
        dispatcher { mode = "p2c"; setid = 8;
            destination { protocol = "sips"; host = "::1"; port = 5061; region = "eu"; flags = 8; };
        }
        """
        let list = try DestinationList(block: text, file: "two.conf")
        #expect(list.modes == [7: .callLoad, 8: .powerOfTwo])
        #expect(list.entries.map(\.setID) == [7, 8])
        #expect(list.entries[1].uri == "sips:[::1]:5061")
        #expect(list.entries[1].flags == .probing)
        #expect(list.entries[1].attributes.extra == [.init(name: "region", value: "eu")])
        #expect(list.kamailioListText().contains("8 sips:[::1]:5061 8 0 region=eu\n"))
    }

    @Test("A block list written in Kamailio's format reads back the same")
    func blockRoundTrip() throws {
        let list = try DestinationList(block: Self.example, file: "d.conf")
        let again = try DestinationList(parsing: list.kamailioListText(), file: "d.list")
        #expect(withoutLocations(again) == withoutLocations(list))
    }
}

@Suite("Refused lists say where and what was expected")
struct ListErrorTests {
    @Test("A set id that is not an unsigned integer")
    func badSetID() {
        let error = refusal("# gateways\n1 sip:a\n  abc sip:b\n")
        #expect(error?.description == "gw.list:3:3: error: expected a set id (unsigned integer), found 'abc'")
    }

    @Test("A negative priority")
    func negativePriority() {
        let error = refusal("1 sip:a 0 -5\n")
        #expect(error?.location.description == "gw.list:1:11")
        #expect(error?.message.contains("expected a priority (unsigned integer), found '-5'; a priority cannot be negative") == true)
    }

    @Test("Flags that are not a Kamailio bitmask")
    func badFlags() {
        #expect(refusal("1 sip:a x1\n")?.location.description == "gw.list:1:9")
        let error = refusal("1\tsip:a\t64\n")
        #expect(error?.location.description == "gw.list:1:9")
        #expect(error?.message.hasPrefix("expected flags (unsigned integer 0-31") == true)
    }

    @Test("More than five fields")
    func tooManyFields() {
        let error = refusal("1 sip:a 0 0 weight=1 more\n")
        #expect(error?.location.description == "gw.list:1:22")
        #expect(error?.message.hasPrefix("expected at most 5 fields (setid uri flags priority attrs), found 'more'") == true)
    }

    @Test("A missing URI, a bad port, a missing host, a bad IPv6 address, a foreign scheme")
    func badURIs() {
        #expect(refusal("1\n")?.description == "gw.list:1:2: error: expected a destination URI after the set id")
        #expect(refusal("1 sip:gw:70000\n")?.description == "gw.list:1:10: error: expected a port number 1-65535 after ':', found '70000'")
        #expect(refusal("1 gw:\n")?.description == "gw.list:1:6: error: expected a port number 1-65535 after ':', found ''")
        #expect(refusal("1 sip:;transport=tcp\n")?.description == "gw.list:1:7: error: expected a host after 'sip:'")
        #expect(refusal("1 sip:alice@:5060\n")?.description == "gw.list:1:13: error: expected a host after '@'")
        #expect(refusal("1 sip:[zz::1]\n")?.description == "gw.list:1:8: error: expected an IPv6 address inside '[ ]', found 'zz::1'")
        #expect(refusal("1 http://gw\n")?.description == "gw.list:1:3: error: expected a sip: or sips: URI, found scheme 'http'")
        #expect(refusal("1 sip:g!w\n")?.description == "gw.list:1:8: error: expected a host name or IP address, found 'g!w'")
    }

    @Test("The same destination twice in one set")
    func duplicateDestination() {
        let error = refusal("1 sip:a\n2 sip:a\n\n1 sip:a 0 3\n")
        #expect(error?.location.description == "gw.list:4:1")
        #expect(error?.message.contains("'sip:a' is declared twice (first declared at gw.list:1:1)") == true)
        #expect(refusal("1 sip:a 0 0 duid=x\n1 sip:a 0 0 duid=y\n") == nil)
    }

    @Test("A malformed maxload points at its value")
    func badMaxload() {
        let error = refusal("1 sip:a 0 0 duid=a;maxload=abc\n")
        #expect(error?.description == "gw.list:1:28: error: expected an integer 0 or more for maxload, found 'abc'")
        #expect(refusal("1 sip:a 0 0 capacity=0")?.location.column == 22)
    }

    @Test("A block statement without its ';' is reported right after the value")
    func blockMissingSemicolon() {
        let text = "dispatcher {\n    destination { host = \"a\"; port = 5060\n    }\n}\n"
        #expect(refusal(text)?.description == "gw.list:2:42: error: expected ';' after value of 'port', found '}'")
    }

    @Test("Unknown keys in a block or a destination, and values of the wrong kind")
    func unknownKeys() {
        #expect(refusal("dispatcher {\n  foo = 1;\n}\n")?.description
            == "gw.list:2:3: error: unknown key 'foo' in dispatcher block; expected one of mode, setid, destination")
        let misspelt = refusal("dispatcher { destination { host = \"a\"; wieght = 5; } }", block: true)
        #expect(misspelt?.location.description == "gw.list:1:40")
        #expect(misspelt?.message.hasPrefix("unknown key 'wieght' in destination (did you mean 'weight'?); expected one of protocol, host") == true)
        #expect(refusal("dispatcher { destination { host = a; } }")?.description
            == "gw.list:1:35: error: expected a quoted string or an integer for 'host', found 'a'")
        #expect(refusal("dispatcher { destination { host = \"a\"; transport = \"sctp\"; } }")?.description
            == "gw.list:1:52: error: expected \"udp\" or \"tcp\" or \"tls\" for transport, found \"sctp\"")
        #expect(refusal("dispatcher { destination { host = \"a\"; weight = 0; } }")?.description
            == "gw.list:1:49: error: expected an integer 1-100 for weight, found '0'")
    }

    @Test("An unknown algorithm lists the accepted names")
    func unknownAlgorithm() {
        let error = refusal("dispatcher {\n\tmode = \"fastest\";\n}\n")
        #expect(error?.location.description == "gw.list:2:9")
        #expect(error?.message == "unknown algorithm 'fastest'; expected one of \(Algorithm.acceptedNames)")
    }

    @Test("An unterminated block or string")
    func unterminated() {
        #expect(refusal("dispatcher {\n  destination { host = \"a\"; }\n")?.description
            == "gw.list:3:1: error: expected '}' to close the dispatcher block opened at gw.list:1:1, found end of file")
        #expect(refusal("dispatcher {\n  destination { host = \"a; }\n}\n")?.description
            == "gw.list:2:24: error: unterminated string; expected a closing '\"' on the same line")
    }

    @Test("A destination without a host, two modes for one set, a duplicate in blocks")
    func blockConsistency() {
        #expect(refusal("dispatcher {\n  destination { port = 5060; }\n}")?.description
            == "gw.list:2:3: error: expected a host in destination (for example host = \"10.0.0.1\";)")
        #expect(refusal("dispatcher { mode = 4; }\ndispatcher { mode = 6; }")?.description
            == "gw.list:2:21: error: set 1 already has mode 'round-robin' (at gw.list:1:21); expected one mode per set")
        let twice = refusal("dispatcher {\n  destination { host = \"a\"; }\n  destination { host = \"a\"; }\n}")
        #expect(twice?.location.description == "gw.list:3:3")
    }
}

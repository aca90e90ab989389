import Testing

@testable import Live

@Suite struct AdminAddressTests {
    @Test func parsesTheForms() {
        #expect(AdminAddress(parsing: "127.0.0.1:8080") == AdminAddress(host: "127.0.0.1", port: 8080))
        #expect(AdminAddress(parsing: "[::1]:9090") == AdminAddress(host: "::1", port: 9090))
        #expect(AdminAddress(parsing: ":8080") == AdminAddress(host: "127.0.0.1", port: 8080))
        #expect(AdminAddress(parsing: "8080") == AdminAddress(host: "127.0.0.1", port: 8080))
        #expect(AdminAddress(parsing: "[::1]:9090")?.description == "[::1]:9090")
    }

    @Test func refusesTheRest() {
        #expect(AdminAddress(parsing: "127.0.0.1") == nil)
        #expect(AdminAddress(parsing: "127.0.0.1:99999") == nil)
        #expect(AdminAddress(parsing: "::1:8080") == nil)
        #expect(AdminAddress(parsing: "[::1]8080") == nil)
        #expect(AdminAddress(parsing: "") == nil)
    }
}

import Dispatcher

extension DestinationModel {
    /// One destination as a block mapping: identity, capacity and behaviour, then
    /// the list entry's fields and attributes. Optional attributes that are unset
    /// (cps, duid, latency, sockets, proxies) are left out, which reads back as unset.
    func writeYAML(into out: inout ScenarioYAMLText) {
        let q = ScenarioYAMLText.quoted
        let a = self.spec.attributes
        out.line(1, "- id: \(q(self.name))")
        out.line(2, "uri: \(q(self.spec.uri))")
        out.line(2, "capacity: \(self.capacity)")
        if let cps = self.callsPerSecond { out.line(2, "cps: \(ScenarioUnits.format(number: cps))") }
        out.line(2, "answer_delay: \(self.answerDelay.yaml)")
        out.line(2, "error_ratio: \(ScenarioUnits.format(number: self.errorRatio))")
        out.line(2, "error_code: \(self.errorCode)")
        out.line(2, "flags: \(self.spec.flags.rawValue)")
        out.line(2, "priority: \(self.spec.priority)")
        out.line(2, "weight: \(a.weight)")
        out.line(2, "rweight: \(a.rweight)")
        out.line(2, "maxload: \(a.maxload)")
        if let duid = a.duid { out.line(2, "duid: \(q(duid))") }
        if let latency = a.latency { out.line(2, "latency: \(latency)ms") }
        out.line(2, "cc: \(ScenarioYAMLText.bool(a.congestionControl))")
        if let socket = a.socket { out.line(2, "socket: \(q(socket))") }
        if let sockname = a.sockname { out.line(2, "sockname: \(q(sockname))") }
        if let pingFrom = a.pingFrom { out.line(2, "ping_from: \(q(pingFrom))") }
        if let obproxy = a.obproxy { out.line(2, "obproxy: \(q(obproxy))") }
        if !a.extra.isEmpty {
            out.line(2, "attrs: " + ScenarioYAMLText.flow(a.extra.map { (q($0.name), q($0.value)) }))
        }
    }
}

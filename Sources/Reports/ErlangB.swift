/// Erlang's loss formula and the overflow results built on it: the exact answers
/// the simulator's blocking figures are tested against.
///
/// Erlang B gives the probability that a call offered to `m` channels finds them
/// all busy, for Poisson arrivals bringing `E` erlangs (arrival rate × mean holding
/// time), with blocked calls cleared. It is insensitive to the holding-time
/// distribution (Sevast'yanov 1957), so it holds for lognormal or Pareto holding
/// times too. References: Iversen, "Teletraffic Engineering and Network Planning"
/// (DTU, 2015), §4.3 (formula and recursion) and §6.2 (overflow, Kosten's model).
public enum ErlangB {
    /// `B(E, m) = (E^m / m!) / Σ_{k=0..m} E^k / k!`, computed by the recursion
    /// `B(E, 0) = 1`, `B(E, k) = E·B(E, k−1) / (k + E·B(E, k−1))` (Iversen eq. 4.29),
    /// which never overflows and loses no precision for thousands of channels.
    /// Returns NaN for negative or non-finite traffic or negative channels.
    public static func blocking(traffic: Double, channels: Int) -> Double {
        guard traffic.isFinite, traffic >= 0, channels >= 0 else { return .nan }
        var b = 1.0
        if channels > 0 {
            for k in 1...channels {
                b = traffic * b / (Double(k) + traffic * b)
            }
        }
        return b
    }

    /// The traffic (erlangs) a group of `channels` carries when offered `traffic`:
    /// `E·(1 − B(E, m))`.
    public static func carried(traffic: Double, channels: Int) -> Double {
        traffic * (1 - Self.blocking(traffic: traffic, channels: channels))
    }

    /// The traffic (erlangs) that overflows a group of `channels`: `E·B(E, m)`.
    public static func overflow(traffic: Double, channels: Int) -> Double {
        traffic * Self.blocking(traffic: traffic, channels: channels)
    }

    /// Serial hunting (Kamailio's algorithm 8 with failover on "busy"): `traffic`
    /// is offered to group 0; a call finding it full tries group 1, and so on,
    /// `groups` groups of `channelsPerGroup` channels each.
    ///
    /// Because a call reaches group k exactly when the first k groups, taken as one
    /// pool of k·c channels, are all busy, the traffic offered to group k is
    /// `E·B(E, k·c)` and group k carries `E·(B(E, k·c) − B(E, (k+1)·c))` (Iversen
    /// §6.2: the overflow of a sequentially hunted group equals that of the pooled
    /// group). Returns one entry per group. The traffic lost by all of them is
    /// `overflow(traffic:, channels: groups·c)`.
    public static func serialHunting(traffic: Double, groups: Int, channelsPerGroup: Int) -> [SerialHuntingGroup] {
        guard groups > 0, channelsPerGroup >= 0 else { return [] }
        var result: [SerialHuntingGroup] = []
        result.reserveCapacity(groups)
        var offered = traffic
        for k in 0..<groups {
            let next = Self.overflow(traffic: traffic, channels: (k + 1) * channelsPerGroup)
            result.append(SerialHuntingGroup(offered: offered, carried: offered - next))
            offered = next
        }
        return result
    }

    /// Random (or round-robin) split of Poisson traffic over `groups` equal groups:
    /// each sees `E/groups` erlangs of Poisson traffic, so each blocks with
    /// `B(E/groups, c)`; that is also the overall blocking, with no failover. A
    /// round-robin split is smoother than Poisson per group, so it usually blocks less.
    public static func splitBlocking(traffic: Double, groups: Int, channelsPerGroup: Int) -> Double {
        guard groups > 0 else { return .nan }
        return Self.blocking(traffic: traffic / Double(groups), channels: channelsPerGroup)
    }

    /// Full availability over `groups` groups (least-loaded selection, or full
    /// failover): the pooled group's blocking `B(E, groups·c)`.
    public static func pooledBlocking(traffic: Double, groups: Int, channelsPerGroup: Int) -> Double {
        guard groups > 0 else { return .nan }
        return Self.blocking(traffic: traffic, channels: groups * channelsPerGroup)
    }
}

/// What one group in a serial-hunting chain sees, in erlangs.
public struct SerialHuntingGroup: Sendable, Hashable {
    /// Traffic offered to the group (the previous group's overflow).
    public var offered: Double
    /// Traffic the group carries.
    public var carried: Double

    public init(offered: Double, carried: Double) {
        self.offered = offered
        self.carried = carried
    }

    /// Traffic it passes on to the next group: `offered − carried`.
    public var overflow: Double { self.offered - self.carried }
}

// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode comes from the tools version;
/// these make imports explicit so the module arrows in docs/architecture stay honest.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "DispatchLab",
    products: [
        .executable(name: "dispatchlab", targets: ["dispatchlab"]),
        .library(name: "Dispatcher", targets: ["Dispatcher"]),
        .library(name: "SIP", targets: ["SIP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "Dispatcher", swiftSettings: strict),
        // RFC 3261 parsing and building for live mode; stdlib only so it stays portable.
        .target(name: "SIP", swiftSettings: strict),
        .target(
            name: "Workloads",
            dependencies: ["Dispatcher", "CGSL", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "Reports", dependencies: ["CGSL"], swiftSettings: strict),
        .target(
            name: "Simulator",
            dependencies: [
                "Dispatcher", "Workloads", "Reports",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Live",
            dependencies: [
                "Dispatcher", "SIP", "Reports",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dispatchlab",
            dependencies: [
                "Dispatcher", "Workloads", "Simulator", "Reports", "Live",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "select-bench",
            dependencies: ["Dispatcher"],
            path: "benchmarks/SelectBench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sim-bench",
            dependencies: ["Dispatcher", "Workloads", "Simulator", "Reports"],
            path: "benchmarks/SimBench",
            swiftSettings: strict
        ),
        .testTarget(name: "DispatcherTests", dependencies: ["Dispatcher"], swiftSettings: strict),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "Dispatcher", "CGSL"], swiftSettings: strict),
        .testTarget(name: "SIPTests", dependencies: ["SIP"], exclude: ["Torture"], swiftSettings: strict),
        .testTarget(
            name: "LiveTests",
            dependencies: [
                "Live", "Dispatcher", "SIP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "SimulatorTests",
            dependencies: ["Simulator", "Workloads", "Reports", "Dispatcher"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
    ]
)

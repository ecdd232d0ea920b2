// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "iid",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "iid", targets: ["iid"]),
        .executable(name: "iictl", targets: ["iictl"]),
    ],
    traits: [
        .trait(name: "Systemd", description: "Link libsystemd for sd_notify and sd_journal_sendv."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The pure core: model, event log format, config, durations, rules. No I/O, no clock.
        // libyaml, for the config file, linked statically from the system's libyaml.a (Debian:
        // libyaml-dev), so that the binaries need nothing new at run time. Yams wrapped the same
        // parser but imports Foundation, which brings ICU's data into every binary.
        .target(name: "IIDCore", dependencies: ["CYAML"], linkerSettings: [.linkedLibrary(":libyaml.a")]),
        .systemLibrary(name: "CYAML"),
        // Small C helpers for system calls Swift cannot express directly (SCM_RIGHTS, SO_PEERCRED,
        // posix_spawn with its file actions and attributes).
        .target(name: "CIIDShims"),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd"),
        // The I/O shell shared by both executables: files, sockets, processes, channels.
        .target(
            name: "IIDSystem",
            dependencies: [
                "IIDCore",
                "CIIDShims",
                .target(name: "CSystemd", condition: .when(traits: ["Systemd"])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The daemon as a library: the loop, file-change routing, delivery tracking, the control
        // server. Tested in-process with an injected clock, timer and process runner.
        .target(
            name: "IIDDaemon",
            dependencies: [
                "IIDCore", "IIDSystem", "CIIDShims",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "iid",
            dependencies: [
                "IIDCore", "IIDSystem", "IIDDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "iictl",
            dependencies: [
                "IIDCore", "IIDSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "IIDCoreTests", dependencies: ["IIDCore"]),
        .testTarget(
            name: "IIDSystemTests",
            // CIIDShims: the tests bind and connect their sockets with the daemon's own helpers.
            dependencies: ["IIDCore", "IIDSystem", "CIIDShims", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "IIDDaemonTests",
            dependencies: [
                "IIDCore", "IIDSystem", "IIDDaemon", "CIIDShims", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "IIDCore", "IIDSystem", "CIIDShims", "iid", "iictl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)

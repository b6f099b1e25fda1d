// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Jixiao",
  products: [
    .library(name: "Jixiao", targets: ["Jixiao"]),
    .library(name: "JixiaoNumerics", targets: ["JixiaoNumerics"]),
    .executable(name: "jixiao", targets: ["jixiao"]),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS",
      path: "Sources/COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    .systemLibrary(
      name: "CClp",
      path: "Sources/CClp",
      pkgConfig: "clp",
      providers: [.apt(["coinor-libclp-dev"])]
    ),
    .systemLibrary(
      name: "CCbc",
      path: "Sources/CCbc",
      pkgConfig: "cbc",
      providers: [.apt(["coinor-libcbc-dev"])]
    ),
    .target(
      name: "JixiaoNumerics", dependencies: ["COpenBLAS", "CClp", "CCbc"]),
    .target(name: "Jixiao", dependencies: ["JixiaoNumerics"]),
    .executableTarget(name: "jixiao", dependencies: ["Jixiao"]),
    .testTarget(
      name: "JixiaoNumericsTests", dependencies: ["JixiaoNumerics"]),
    .testTarget(
      name: "JixiaoTests",
      dependencies: ["Jixiao"],
      // Reference files, read by path from the tests.
      exclude: ["Fixtures"]
    ),
  ]
)

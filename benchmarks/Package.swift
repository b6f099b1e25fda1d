// swift-tools-version:6.0
import PackageDescription

// The benchmark lives in a package of its own, so that `make test` never
// builds it; it depends on the library in the folder above.
let package = Package(
  name: "JixiaoBenchmarks",
  dependencies: [.package(name: "Jixiao", path: "..")],
  targets: [
    .executableTarget(
      name: "jixiao-bench",
      dependencies: [
        .product(name: "Jixiao", package: "Jixiao"),
        .product(name: "JixiaoNumerics", package: "Jixiao"),
      ],
      path: "Sources/jixiao-bench"
    ),
    .executableTarget(
      name: "dea-bench",
      dependencies: [
        .product(name: "Jixiao", package: "Jixiao"),
        .product(name: "JixiaoNumerics", package: "Jixiao"),
      ],
      path: "Sources/dea-bench"
    ),
    .executableTarget(
      name: "mc-bench",
      dependencies: [
        .product(name: "Jixiao", package: "Jixiao"),
        .product(name: "JixiaoNumerics", package: "Jixiao"),
      ],
      path: "Sources/mc-bench"
    ),
    .executableTarget(
      name: "weights-bench",
      dependencies: [
        .product(name: "Jixiao", package: "Jixiao"),
        .product(name: "JixiaoNumerics", package: "Jixiao"),
      ],
      path: "Sources/weights-bench"
    ),
  ]
)

import Foundation

/// Probes already built, kept by the exact sources and compiler they were built from, so that
/// grading a submission again (a warm regrade of a class) runs its checks without compiling.
///
/// An entry is found by a 64-bit FNV-1a hash of its inputs and used only when its stored inputs
/// are byte for byte the same, so a crafted hash collision cannot hand one student another's probe.
struct ProbeCache {
    /// The cache's folder, `.build-grading/probes`.
    var folder: URL

    /// The cached probe built from `package` with `compiler`, if there is one.
    func probe(for package: URL, compiler: URL) -> URL? {
        guard let inputs = try? Self.inputs(of: package, compiler: compiler) else { return nil }
        let entry = folder.appendingPathComponent(Self.hash(inputs))
        guard (try? Data(contentsOf: entry.appendingPathComponent("inputs"))) == inputs else { return nil }
        let probe = entry.appendingPathComponent("ExerciseProbe")
        return FileManager.default.isExecutableFile(atPath: probe.path) ? probe : nil
    }

    /// Keeps a copy of `probe`, built from `package` with `compiler`; a cache that cannot be
    /// written only costs a later build.
    func store(_ probe: URL, for package: URL, compiler: URL) {
        guard let inputs = try? Self.inputs(of: package, compiler: compiler) else { return }
        let manager = FileManager.default
        let entry = folder.appendingPathComponent(Self.hash(inputs))
        let staging = folder.appendingPathComponent("staging-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            try manager.copyItem(at: probe, to: staging.appendingPathComponent("ExerciseProbe"))
            try inputs.write(to: staging.appendingPathComponent("inputs"))
            try? manager.removeItem(at: entry)
            try manager.moveItem(at: staging, to: entry)
        } catch {
            try? manager.removeItem(at: staging)
        }
    }

    /// Every file of the package (path, length, contents) and the compiler's identity.
    private static func inputs(of package: URL, compiler: URL) throws -> Data {
        let manager = FileManager.default
        let frontend = compiler.deletingLastPathComponent().appendingPathComponent("swift-frontend")
        let stamp = (try? manager.attributesOfItem(atPath: frontend.resolvingSymlinksInPath().path))
            .map { "\($0[.size] ?? 0) \(($0[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)" } ?? ""
        var data = Data("\(compiler.path)\n\(stamp)\n".utf8)
        for file in try WorkingCopy.files(under: package) {
            let contents = try Data(contentsOf: package.appendingPathComponent(file))
            data += Data("\(file)\0\(contents.count)\0".utf8) + contents
        }
        return data
    }

    private static func hash(_ data: Data) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(value, radix: 16)
    }
}

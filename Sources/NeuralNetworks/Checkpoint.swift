import Foundation

/// Saving and loading a model's tensors as a `.safetensors` file, the format PyTorch, JAX and
/// Hugging Face read: an 8-byte little-endian header length `n`, `n` bytes of JSON mapping each
/// name to `{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}`, then the raw
/// little-endian data (offsets relative to its start).
///
/// Names are the field paths of the model (`encoder.layers.0.weight`), so a model built from
/// layers named like PyTorch's modules loads into PyTorch with `load_file`.
/// ```swift
/// try Checkpoint.save(model, to: "vae.safetensors")
/// var restored = VAE(rng: &rng)
/// try Checkpoint.load(into: &restored, from: "vae.safetensors")
/// ```
public enum Checkpoint {
    /// Writes every tensor stored in `model`, named by its field path.
    public static func save<Model>(_ model: Model, to path: String) throws {
        try write(namedTensors(in: model), to: path)
    }

    /// Replaces every tensor of `model` with the tensor of the same name in the file.
    ///
    /// Tensors that are direct fields of structs get new buffers first, so copies of the model
    /// made before loading keep their values. Tensors inside arrays (such as the layers of a
    /// `Sequential`) are written in place: load into a model that no other value shares.
    /// - Throws: `CheckpointError.mismatch` naming every missing, unexpected or mis-shaped
    ///   tensor; `CheckpointError.unreadable` or `.corrupt` for a bad file.
    public static func load<Model: Differentiable>(into model: inout Model, from path: String) throws {
        try load(into: &model, tensors: try read(from: path), source: path)
    }

    /// Replaces every tensor of `model` with the tensor of the same name in `tensors` (for instance a
    /// `ParameterAverage`'s), as `load(into:from:)` does with a file's; `source` names them in errors.
    /// - Throws: `CheckpointError.mismatch` naming every missing, unexpected or mis-shaped tensor.
    public static func load<Model: Differentiable>(into model: inout Model, tensors: [NamedTensor], source: String) throws {
        let stored = Dictionary(tensors.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
        let expected = namedTensors(in: model)
        let expectedNames = Set(expected.map(\.name))
        let missing = expected.map(\.name).filter { stored[$0] == nil }
        let unexpected = stored.keys.filter { !expectedNames.contains($0) }.sorted()
        let misshaped = expected.compactMap { leaf -> String? in
            guard let found = stored[leaf.name], found.shape != leaf.tensor.shape else { return nil }
            return "\(leaf.name): model \(leaf.tensor.shape), file \(found.shape)"
        }
        guard missing.isEmpty && unexpected.isEmpty && misshaped.isEmpty else {
            throw CheckpointError.mismatch(path: source, missing: missing, unexpected: unexpected, misshaped: misshaped)
        }
        // Adding the scalar zero gives each directly reachable tensor a buffer of its own.
        model.move(by: .zero)
        for leaf in namedTensors(in: model) {
            guard let source = stored[leaf.name] else { continue }
            source.withUnsafeBufferPointer { values in
                leaf.tensor.overwriteSharedStorage { destination in
                    for i in destination.indices { destination[i] = values[i] }
                }
            }
        }
    }

    /// Writes `tensors` in order to a `.safetensors` file.
    public static func write(_ tensors: [NamedTensor], to path: String) throws {
        var entries: [String] = []
        var offset = 0
        for leaf in tensors {
            let size = leaf.tensor.scalarCount * 4
            entries.append("\"\(escaped(leaf.name))\":{\"dtype\":\"F32\",\"shape\":\(leaf.tensor.shape),"
                           + "\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        // The format pads the header with spaces so that the data starts 8-byte aligned.
        header += [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header
        for leaf in tensors {
            leaf.tensor.withUnsafeBufferPointer { values in
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            }
        }
        do {
            let url = URL(fileURLWithPath: path)
            // Lessons save into `Checkpoints/`, which a fresh clone does not have yet.
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw CheckpointError.unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads every tensor of a `.safetensors` file, in the order of their data.
    /// - Throws: `CheckpointError.unreadable` if the file cannot be read, `.corrupt` if it is
    ///   truncated or its header is malformed, `.unsupportedType` for a dtype other than F32.
    public static func read(from path: String) throws -> [NamedTensor] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CheckpointError.unreadable(path: path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw CheckpointError.corrupt(path: path, reason: "file has \(bytes.count) bytes, fewer than the 8-byte header length")
        }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw CheckpointError.corrupt(path: path, reason: "header length \(headerLength) exceeds the \(bytes.count - 8) bytes after it")
        }
        let dataStart = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
            throw CheckpointError.corrupt(path: path, reason: "header is not a JSON object")
        }
        var result: [(offset: Int, tensor: NamedTensor)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int],
                  offsets.count == 2 else {
                throw CheckpointError.corrupt(path: path, reason: "entry \(name) lacks dtype, shape or data_offsets")
            }
            guard dtype == "F32" else { throw CheckpointError.unsupportedType(path: path, name: name, dtype: dtype) }
            let count = shape.reduce(1, *)
            guard offsets[0] >= 0, offsets[1] - offsets[0] == 4 * count, dataStart + offsets[1] <= bytes.count else {
                throw CheckpointError.corrupt(path: path, reason: "entry \(name) of shape \(shape) has data_offsets \(offsets)"
                                              + " outside the \(bytes.count - dataStart) data bytes or of the wrong size")
            }
            let base = dataStart + offsets[0]
            let scalars = (0..<count).map { i -> Float in
                let p = base + 4 * i
                let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                return Float(bitPattern: bits)
            }
            result.append((offsets[0], NamedTensor(name: name, tensor: Tensor(shape: shape, scalars: scalars))))
        }
        return result.sorted { $0.offset < $1.offset }.map(\.tensor)
    }

    private static func escaped(_ name: String) -> String {
        name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Why a checkpoint could not be saved or loaded.
public enum CheckpointError: Error, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file could not be written.
    case unwritable(path: String, reason: String)
    /// The file is truncated or its header is malformed.
    case corrupt(path: String, reason: String)
    /// A tensor has a dtype other than F32.
    case unsupportedType(path: String, name: String, dtype: String)
    /// The file's tensors do not match the model's.
    case mismatch(path: String, missing: [String], unexpected: [String], misshaped: [String])

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read checkpoint: \(reason)"
        case let .unwritable(path, reason): return "\(path): cannot write checkpoint: \(reason)"
        case let .corrupt(path, reason): return "\(path): corrupt safetensors file: \(reason)"
        case let .unsupportedType(path, name, dtype):
            return "\(path): tensor \(name) has dtype \(dtype); only F32 is supported"
        case let .mismatch(path, missing, unexpected, misshaped):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing from the file: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("not in the model: \(unexpected.joined(separator: ", "))") }
            if !misshaped.isEmpty { parts.append("shapes differ: \(misshaped.joined(separator: "; "))") }
            return "\(path): checkpoint does not match the model; " + parts.joined(separator: "; ")
        }
    }
}

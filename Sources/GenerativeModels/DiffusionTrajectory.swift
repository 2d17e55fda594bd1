import Tensors

/// The states of one run of a sampler: the final samples and, if asked for, the intermediate
/// states from the initial noise to the end.
public struct DiffusionTrajectory {
    /// The generated samples `x_0`, the shape of the initial noise.
    public let samples: Tensor
    /// The recorded states, first the initial noise `x_T`, last the samples; empty if none were kept.
    public let states: [Tensor]
    /// The timestep each recorded state belongs to (`-1` for the final samples).
    public let stateTimesteps: [Int]
}

/// Collects every `every`-th state of a sampler, plus the first and the last.
struct StateRecorder {
    let every: Int
    var states: [Tensor] = []
    var timesteps: [Int] = []

    init(every: Int, start: Tensor, timestep: Int) {
        self.every = every
        if every > 0 { states = [start]; timesteps = [timestep] }
    }

    mutating func record(_ state: Tensor, timestep: Int, step: Int) {
        guard every > 0, step % every == 0 || timestep < 0 else { return }
        if timesteps.last == timestep { return }
        states.append(state)
        timesteps.append(timestep)
    }

    func trajectory(samples: Tensor) -> DiffusionTrajectory {
        DiffusionTrajectory(samples: samples, states: states, stateTimesteps: timesteps)
    }
}

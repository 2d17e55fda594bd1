// Timing: wall-clock steps per second and CPU time per step.
import Foundation

/// The user and system CPU time this process has used, in seconds (robust to other processes
/// sharing the cores).
func processorTime() -> (user: Double, system: Double) {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime))
}

/// Steps per wall-clock second, CPU milliseconds per step, and the system's share of that CPU time.
struct Measurement {
    var rate: Double
    var cpuMilliseconds: Double
    var systemShare: Double

    /// `key=value` fields for a RESULT line: CPU time per step and its system share.
    var cpuFields: String {
        String(format: "cpu_ms_per_step=%.2f system_share=%.3f", cpuMilliseconds, systemShare)
    }
}

/// Runs `step` for about `seconds` after a warm-up of five steps.
func measure(seconds: Double, _ step: () -> Void) -> Measurement {
    for _ in 0..<5 { step() }
    let start = Date(), cpuStart = processorTime()
    var count = 0
    while Date().timeIntervalSince(start) < seconds {
        step()
        count += 1
    }
    let cpuEnd = processorTime()
    let (user, system) = (cpuEnd.user - cpuStart.user, cpuEnd.system - cpuStart.system)
    return Measurement(rate: Double(count) / Date().timeIntervalSince(start),
                       cpuMilliseconds: (user + system) * 1000 / Double(count),
                       systemShare: user + system > 0 ? system / (user + system) : 0)
}

#!/usr/bin/env python3
"""The model library against PyTorch on the same workloads (a benchmark, not a test).

Runs `swift run -c release Benchmarks` (Sources/Benchmarks) and ../shared/bench/torch_ref.py side
by side, alternating the two sides `ROUNDS` times per workload with 2 threads each, and prints the
best throughput of each side and their ratio. Also prints the Dense layer's forward+backward
efficiency against its raw products (the library's `sgemm` on the same buffers and threads), the system time as a share of
the Swift side's CPU time, and the peak memory of the Swift VAE training run.
Targets (issue 12): MLP workloads >= 1.5x PyTorch, conv >= 1.0x, Dense >= 90% of sgemm, system time
under 10% of CPU time; (issue 3) VAE < 1 GiB.
Usage: python3 scripts/bench_library.py [ROUNDS]   (needs `pip install torch numpy`)
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TORCH_REF = os.path.join(os.path.dirname(ROOT), "shared", "bench", "torch_ref.py")
MADE_REF = os.path.join(ROOT, "scripts", "reference", "made_torch.py")  # lesson 6's MADE, not in torch_ref.py
SWIFT_BENCH = os.path.join(ROOT, ".build", "release", "Benchmarks")
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2

# name, Swift workload and metric, torch arguments and metric, target ratio
WORKLOADS = [
    ("MLP VAE 784-512-256-20, batch 128", "vae", "images_per_s", ["vae", "--epochs", "1"], "images_per_s", 1.5),
    ("MLP GAN, batch 128", "gan", "images_per_s", ["gan", "--epochs", "1"], "images_per_s", 1.5),
    ("2-D DDPM MLP 3x128, batch 512 (steps/s)", "ddpm2d", "steps_per_s", ["ddpm2d", "--steps", "1500"], "steps_per_s", 1.5),
    ("conv VAE 28x28, batch 128", "convvae", "images_per_s", ["convvae", "--steps", "60"], "images_per_s", 1.0),
    ("conv DDPM denoiser 28x28, batch 32", "convddpm", "images_per_s", ["convddpm", "--steps", "100", "--batch", "32"],
     "images_per_s", 1.0),
    ("MADE 784-500-784, batch 100", "made", "images_per_s", ["made", "--epochs", "1"], "images_per_s", 1.0),
]


def fields(output):
    """The key=value pairs of every RESULT line."""
    values = {}
    for line in output.splitlines():
        if line.startswith("RESULT"):
            values.update(dict(re.findall(r"(\w+)=([-\d.e+]+)", line)))
    return values


def run(command, env=None):
    completed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr[-2000:]}")
    return fields(completed.stdout)


def main():
    try:
        import torch  # noqa: F401
    except ImportError:
        raise SystemExit("PyTorch is missing: pip install torch numpy")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="2")
    print(f"Library against PyTorch, 2 threads each, best of {ROUNDS} alternating rounds")
    print(f"{'workload':42} {'Swift':>10} {'PyTorch':>10} {'ratio':>7} {'target':>7} {'sys/CPU':>8}")
    worst_system_share = 0.0
    for name, swift_name, swift_key, torch_args, torch_key, target in WORKLOADS:
        swift_best = torch_best = 0.0
        system_share = 0.0
        for _ in range(ROUNDS):
            swift = run([SWIFT_BENCH, "5", swift_name], env)
            if float(swift[swift_key]) > swift_best:
                swift_best, system_share = float(swift[swift_key]), float(swift["system_share"])
            script = [MADE_REF, *torch_args[1:]] if torch_args[0] == "made" else [TORCH_REF, *torch_args]
            torch_best = max(torch_best, float(run([sys.executable, *script, "--threads", "2"])[torch_key]))
        ratio = swift_best / torch_best
        verdict = "ok" if ratio >= target else "MISSED"
        worst_system_share = max(worst_system_share, system_share)
        print(f"{name:42} {swift_best:10.1f} {torch_best:10.1f} {ratio:6.2f}x {target:6.1f}x {system_share * 100:7.1f}%  {verdict}")
    verdict = "ok" if worst_system_share < 0.10 else "MISSED"
    print(f"System time, largest share of the Swift side's CPU time: {worst_system_share * 100:.1f}% (target under 10%)  {verdict}")
    dense = run([SWIFT_BENCH, "4", "dense"], env)
    efficiency = float(dense["efficiency"])
    verdict = "ok" if efficiency >= 0.9 else "MISSED"
    print(f"Dense 784x512 forward+backward at batch 128: {efficiency * 100:.0f}% of its raw sgemm products "
          f"(target 90%)  {verdict}")
    # A fresh wrapper process, so that the peak is the Swift run's alone, not an earlier child's.
    probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); " \
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    peak_kib = int(subprocess.run([sys.executable, "-c", probe, SWIFT_BENCH, "5", "vae"], env=env,
                                  capture_output=True, text=True, check=True).stdout)
    print(f"peak memory of the Swift VAE training run: {peak_kib / 1024:.0f} MiB (target under 1024 MiB)")

if __name__ == "__main__":
    main()

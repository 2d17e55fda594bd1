#!/usr/bin/env python3
"""PyTorch-CPU reference for lesson 6's MADE, in the style of ../shared/bench/torch_ref.py.

The same model, data and training as `Lessons/06-autoregressive.md`: Fashion-MNIST binarised once
(a pixel is 1 when its byte is at least 128), MADE 784-500-784 with ReLU (Germain et al., 2015) in
the raster ordering, hidden degrees drawn uniformly from 1..783, Glorot-uniform weights and zero
biases (as the Swift `MaskedDense`), Adam with learning rate 1e-3, batches of 100 from a fresh
permutation each epoch, EPOCHS epochs. Prints the test negative log-likelihood in nats per image
(exact: the mean over the 10,000 test images of -sum_i log p(x_i | x_<i)) and the throughput.

Usage: python3 scripts/reference/made_torch.py [--epochs 5] [--threads 2] [--seed 0]
Output committed in scripts/reference/made_torch.txt (the lesson quotes it as the reference).
"""
import argparse, gzip, os, time
import numpy as np

FMNIST = "/usr/share/datasets/fashion-mnist"


def load_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = int.from_bytes(data[0:4], "big") & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def binarized(split):
    prefix = "train" if split == "train" else "t10k"
    pixels = load_idx(os.path.join(FMNIST, f"{prefix}-images-idx3-ubyte.gz")).reshape(-1, 784)
    return (pixels >= 128).astype(np.float32)


def result(name, **kw):
    print("RESULT", name, " ".join(f"{k}={v}" for k, v in kw.items()), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--hidden", type=int, default=500)
    a = p.parse_args()
    import torch, torch.nn as nn, torch.nn.functional as F
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed); rng = np.random.default_rng(a.seed)
    xtr = torch.from_numpy(binarized("train")); xte = torch.from_numpy(binarized("test"))
    D, H = 784, a.hidden

    class MaskedLinear(nn.Linear):
        def __init__(s, fan_in, fan_out, mask):
            super().__init__(fan_in, fan_out)
            nn.init.xavier_uniform_(s.weight); nn.init.zeros_(s.bias)
            s.register_buffer("mask", torch.from_numpy(mask.astype(np.float32)))  # [out, in]

        def forward(s, x):
            return F.linear(x, s.weight * s.mask, s.bias)

    m_in = np.arange(1, D + 1)                        # raster ordering: pixel i has degree i + 1
    m_hidden = rng.integers(1, D, size=H)             # uniform on 1..D-1
    net = nn.Sequential(MaskedLinear(D, H, m_hidden[:, None] >= m_in[None, :]), nn.ReLU(),
                        MaskedLinear(H, D, m_in[:, None] > m_hidden[None, :]))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def nll(x):
        return F.binary_cross_entropy_with_logits(net(x), x, reduction="none").sum(1)

    B, n = 100, xtr.shape[0]
    t0 = time.perf_counter()
    for epoch in range(a.epochs):
        perm = torch.randperm(n); total = 0.0
        for i in range(0, n, B):
            x = xtr[perm[i:i + B]]
            loss = nll(x).mean()
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
            total += loss.item() * x.shape[0]
        print(f"epoch {epoch + 1}: train NLL {total / n:.2f} nats/image  elapsed {time.perf_counter() - t0:.1f}s", flush=True)
    dt = time.perf_counter() - t0
    with torch.no_grad():
        test = torch.cat([nll(xte[i:i + 1000]) for i in range(0, xte.shape[0], 1000)]).mean().item()
    result("made", epochs=a.epochs, hidden=H, train_s=f"{dt:.2f}", images_per_s=f"{a.epochs * n / dt:.0f}",
           test_nll_nats=f"{test:.2f}")


if __name__ == "__main__":
    main()

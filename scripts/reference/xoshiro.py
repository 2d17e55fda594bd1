#!/usr/bin/env python3
"""Reference outputs of xoshiro256** seeded by SplitMix64, for Tests/TensorsTests/RandomGeneratorTests.

Transcribed from the public-domain C reference code (Vigna, prng.di.unimi.it); independent of the
Swift implementation. Usage: python3 scripts/reference/xoshiro.py SEED COUNT
"""
import sys

MASK = 2**64 - 1

def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)

def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK

def xoshiro256starstar(seed, count):
    s, state = seed, []
    for _ in range(4):
        s, v = splitmix64(s)
        state.append(v)
    for _ in range(count):
        result = (rotl((state[1] * 5) & MASK, 7) * 9) & MASK
        t = (state[1] << 17) & MASK
        state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
        yield result

if __name__ == "__main__":
    seed, count = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (0, 2)
    for value in xoshiro256starstar(seed, count):
        print(f"0x{value:016X}")

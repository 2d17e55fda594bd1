#!/usr/bin/env python3
"""Independent PNG decoder for the Figures tests (standard library only).

Usage: decode-png.py FILE
Checks the signature, every chunk's CRC-32, IHDR, and the zlib stream, undoes all five row
filters, and writes "WIDTH HEIGHT CHANNELS\n" followed by the raw pixel bytes to stdout.
Exits with status 1 and a message on stderr when the file is not a valid 8-bit gray/RGB PNG.
"""
import struct
import sys
import zlib


def fail(message):
    sys.stderr.write("decode-png: " + message + "\n")
    sys.exit(1)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def main(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("bad signature")
    position, chunks = 8, []
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            fail("CRC mismatch in chunk " + kind.decode("latin-1"))
        chunks.append((kind, body))
        position += 12 + length
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        fail("chunks must start with IHDR and end with IEND")
    width, height, depth, colour, method, filtering, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or colour not in (0, 2) or (method, filtering, interlace) != (0, 0, 0):
        fail("unsupported IHDR %r" % ((depth, colour, method, filtering, interlace),))
    channels = 1 if colour == 0 else 3
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        fail("decompressed %d bytes, expected %d" % (len(raw), height * (stride + 1)))
    pixels, previous = bytearray(), bytearray(stride)
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            predictor = [0, left, up, (left + up) // 2, paeth(left, up, corner)][kind]
            line[i] = (line[i] + predictor) & 0xFF
        pixels += line
        previous = line
    sys.stdout.buffer.write(("%d %d %d\n" % (width, height, channels)).encode())
    sys.stdout.buffer.write(bytes(pixels))


if __name__ == "__main__":
    main(sys.argv[1])

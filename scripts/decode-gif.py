#!/usr/bin/env python3
"""Independent GIF decoder for the Figures tests (standard library only).

Usage: decode-gif.py FILE
Parses a GIF89a with a global colour table, decodes each frame's LZW data (variable code size,
clear and end codes), and writes to stdout one header line
"WIDTH HEIGHT FRAMES LOOPS DELAY_CENTISECONDS\n" followed by each frame's RGB bytes.
LOOPS is the NETSCAPE2.0 loop count, or -1 when the extension is absent.
Exits with status 1 and a message on stderr on any format error.
"""
import struct
import sys


def fail(message):
    sys.stderr.write("decode-gif: " + message + "\n")
    sys.exit(1)


def lzw_decode(data, minimum_size, pixel_count):
    clear, end = 1 << minimum_size, (1 << minimum_size) + 1
    bits, bit_count, position, output = 0, 0, 0, []
    table, size, previous = None, minimum_size + 1, None

    def reset():
        return [bytes([i]) for i in range(clear)] + [b"", b""]

    while True:
        while bit_count < size:
            if position >= len(data):
                fail("LZW data ended without an end code")
            bits |= data[position] << bit_count
            bit_count += 8
            position += 1
        code = bits & ((1 << size) - 1)
        bits >>= size
        bit_count -= size
        if code == clear:
            table, size, previous = reset(), minimum_size + 1, None
            continue
        if table is None:
            fail("LZW data does not start with a clear code")
        if code == end:
            break
        if previous is None:
            entry = table[code]
        else:
            if code < len(table):
                entry = table[code]
            elif code == len(table):
                entry = previous + previous[:1]
            else:
                fail("LZW code %d beyond table size %d" % (code, len(table)))
            if len(table) < 4096:
                table.append(previous + entry[:1])
        output.append(entry)
        previous = entry
        if len(table) == (1 << size) and size < 12:
            size += 1
    pixels = b"".join(output)
    if len(pixels) != pixel_count:
        fail("frame has %d pixels, expected %d" % (len(pixels), pixel_count))
    return pixels


def main(path):
    data = open(path, "rb").read()
    if data[:6] != b"GIF89a":
        fail("bad signature")
    width, height, flags = struct.unpack("<HHB", data[6:11])
    if not flags & 0x80:
        fail("no global colour table")
    table_size = 2 << (flags & 7)
    palette = data[13:13 + 3 * table_size]
    position, frames, loops, delay = 13 + 3 * table_size, [], -1, None
    while True:
        marker = data[position]
        if marker == 0x3B:
            break
        if marker == 0x21:
            label = data[position + 1]
            position += 2
            blocks = []
            while data[position] != 0:
                blocks.append(data[position + 1:position + 1 + data[position]])
                position += 1 + data[position]
            position += 1
            if label == 0xFF and blocks and blocks[0] == b"NETSCAPE2.0":
                loops = struct.unpack("<H", blocks[1][1:3])[0]
            elif label == 0xF9:
                delay = struct.unpack("<H", blocks[0][1:3])[0]
        elif marker == 0x2C:
            left, top, frame_width, frame_height, frame_flags = struct.unpack("<HHHHB", data[position + 1:position + 10])
            if (left, top, frame_width, frame_height) != (0, 0, width, height) or frame_flags & 0x80:
                fail("frames must cover the canvas and use the global table")
            minimum_size = data[position + 10]
            position += 11
            compressed = bytearray()
            while data[position] != 0:
                compressed += data[position + 1:position + 1 + data[position]]
                position += 1 + data[position]
            position += 1
            indices = lzw_decode(compressed, minimum_size, width * height)
            frames.append(b"".join(palette[3 * i:3 * i + 3] for i in indices))
        else:
            fail("unexpected block 0x%02x" % marker)
    header = "%d %d %d %d %d\n" % (width, height, len(frames), loops, -1 if delay is None else delay)
    sys.stdout.buffer.write(header.encode())
    for frame in frames:
        sys.stdout.buffer.write(frame)


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Render Lessons/90-gallery.md without the lesson runner, to look at the figures.

Usage: scripts/render-gallery.py [OUTPUT_DIR]   (default /tmp/gallery)
Run `swift build --target Figures --target Tensors` first. The script joins the lesson's Swift
cells into one program, replaces `show(...)` by stand-ins that write each figure (SVG), image
(PNG) or animation (GIF) to OUTPUT_DIR, compiles it against the debug build with swiftc, runs
it, and writes OUTPUT_DIR/index.html with every output under its section heading. Render that page
with headless Chromium to check the figures by eye:

  chromium --headless --no-sandbox --screenshot=/tmp/shot.png --window-size=1280,2400 \
      file:///tmp/gallery/index.html
"""
import html
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUBS = r'''
import Foundation
import Figures

nonisolated(unsafe) var galleryOutputs = 0
/// Writes one output as OUTPUT_DIR/<number>.<ext> and prints its name for the index.
func galleryWrite(_ bytes: [UInt8], _ ext: String) {
    galleryOutputs += 1
    let name = String(format: "%02d.%@", galleryOutputs, ext)
    _ = FileManager.default.createFile(atPath: CommandLine.arguments[1] + "/" + name, contents: Data(bytes))
    print("OUTPUT \(name)")
}
func show(_ figure: Figure) { galleryWrite(Array(figure.svg().utf8), "svg") }
func show(_ image: Image) { galleryWrite(image.pngData(), "png") }
func show(images: [Image], columns: Int) { show(Image.grid(images, columns: columns).upscaled(by: 2)) }
func show(animation: Animation) { galleryWrite(animation.gifData(), "gif") }
'''


def main(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9]*.*"):
        old.unlink()
    lesson = (ROOT / "Lessons" / "90-gallery.md").read_text()
    imports, body = [], []
    heading = "Figure gallery"
    for match in re.finditer(r"^(#+) ([^\n]*)$|^```swift\n(.*?)^```", lesson, re.M | re.S):
        if match.group(1):
            heading = match.group(2)
            continue
        body.append('print("SECTION %s")' % heading.replace('"', "'"))
        for line in match.group(3).splitlines():
            code = line.replace("// hide", "").strip()
            if code.startswith("import "):
                # The gallery needs only Tensors' RandomGenerator from the model library.
                module = {"Generative": "Tensors"}.get(code.split()[1], code.split()[1])
                if module != "LessonRuntime":
                    imports.append("import " + module)
            else:
                body.append(line)
    source = out / "main.swift"
    source.write_text("\n".join(sorted(set(imports))) + STUBS + "\n".join(body) + "\n")
    build = ROOT / ".build" / "debug"
    objects = sorted(str(p) for name in ("Figures", "Tensors") for p in (build / (name + ".build")).glob("*.o"))
    binary = out / "gallery"
    subprocess.run(["swiftc", "-I", str(build / "Modules"), "-I", str(ROOT / "Sources" / "CZlib"),
                    "-I", str(ROOT / "Sources" / "COpenBLAS"), str(source), *objects, "-lz",
                    "-o", str(binary)], check=True)
    run = subprocess.run([str(binary), str(out)], check=True, capture_output=True, text=True)
    parts = ["<!doctype html><meta charset='utf-8'><title>Figure gallery</title>",
             "<style>body{font-family:sans-serif;margin:16px;background:#fff}"
             "section{display:inline-block;vertical-align:top;margin:6px}"
             "h2{font-size:13px;color:#555;margin:4px 0}img{image-rendering:pixelated}</style>"]
    section = None
    for line in run.stdout.splitlines():
        if line.startswith("SECTION "):
            section = line[8:]
        elif line.startswith("OUTPUT "):
            name = line[7:]
            content = (out / name).read_text() if name.endswith(".svg") else "<img src='%s'>" % name
            parts.append("<section><h2>%s</h2>%s</section>" % (html.escape(section or ""), content))
    (out / "index.html").write_text("\n".join(parts))
    print("wrote", out / "index.html")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gallery")

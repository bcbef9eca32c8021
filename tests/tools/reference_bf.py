#!/usr/bin/python3
"""An independent Brainf*ck interpreter in Python: the second opinion on the corpus's expected outputs.

It shares no code with the C++ engines, so an expected output it computes for one of our own corpus
programs cannot inherit a bug of the naive engine. Semantics: 8-bit wrapping cells; a tape of
`--tape` cells; an access outside the tape is a trap reported as 'tape-underflow@BYTE' or
'tape-overflow@BYTE' (BYTE = source offset of the command that accessed the cell).

Usage: reference_bf.py PROGRAM [--input FILE] [--eof keep|0|255] [--tape N]
Writes the output bytes to stdout and the final status (ok, tape-underflow@N, ...) to stderr.
"""
import argparse
import sys


def run(code: bytes, data: bytes, eof: str = "keep", tape_size: int = 1 << 20):
    commands = [(i, chr(b)) for i, b in enumerate(code) if chr(b) in "+-<>.,[]"]
    match, stack = {}, []
    for k, (_, c) in enumerate(commands):
        if c == "[":
            stack.append(k)
        elif c == "]":
            if not stack:
                raise ValueError("unmatched ']'")
            j = stack.pop()
            match[j], match[k] = k, j
    if stack:
        raise ValueError("unmatched '['")
    tape = bytearray(tape_size)
    out = bytearray()
    p = pc = pos = 0

    def trap(byte):
        return ("tape-underflow@%d" if p < 0 else "tape-overflow@%d") % byte

    while pc < len(commands):
        byte, c = commands[pc]
        if c == ">":
            p += 1
        elif c == "<":
            p -= 1
        else:
            if not 0 <= p < tape_size:
                return bytes(out), trap(byte)
            if c == "+":
                tape[p] = (tape[p] + 1) & 255
            elif c == "-":
                tape[p] = (tape[p] - 1) & 255
            elif c == ".":
                out.append(tape[p])
            elif c == ",":
                if pos < len(data):
                    tape[p] = data[pos]
                    pos += 1
                elif eof == "0":
                    tape[p] = 0
                elif eof == "255":
                    tape[p] = 255
            elif c == "[" and tape[p] == 0:
                pc = match[pc]
            elif c == "]" and tape[p] != 0:
                pc = match[pc]
        pc += 1
    return bytes(out), "ok"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("--input")
    parser.add_argument("--eof", default="keep", choices=["keep", "0", "255"])
    parser.add_argument("--tape", type=int, default=1 << 20)
    args = parser.parse_args()
    code = open(args.program, "rb").read()
    data = open(args.input, "rb").read() if args.input else b""
    out, status = run(code, data, args.eof, args.tape)
    sys.stdout.buffer.write(out)
    print(status, file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes the corpus programs that are too long to type: deep nesting and the tape's last cell.

Run from anywhere: /usr/bin/python3 corpus/generate.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPTH = 10000
LAST_CELL_TAPE = 4096


def write(name, header, body):
    (HERE / name).write_text(header + "\n" + body + "\n")


write("deep_nesting.b",
      f"deep nesting: {DEPTH} loops inside each other; one pass through them clears cell 0; then prints A",
      "+" + "[" * DEPTH + "-" + "]" * DEPTH + "\n>++++++++[<++++++++>-]<+.")

write("last_cell.b",
      f"last cell: with a tape of {LAST_CELL_TAPE} cells walks to the last cell and prints 3 from it",
      ">" * (LAST_CELL_TAPE - 1) + "\n+++.")

write("past_last_cell.b",
      f"past last cell: with a tape of {LAST_CELL_TAPE} cells steps one past the last cell; the plus traps",
      ">" * LAST_CELL_TAPE + "\n+")

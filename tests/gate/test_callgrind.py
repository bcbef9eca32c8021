"""The callgrind reader: inclusive instruction counts from callgrind's own file format."""
import unittest

import support  # noqa: F401
from bfreport import callgrind

# A profile in callgrind's compressed format: names defined once as "(id) name" and reused as
# "(id)"; relative positions; a call's cost is the line after calls=.
PROFILE = """\
# callgrind format
version: 1
creator: callgrind-3.19.0
positions: line
events: Ir
summary: 1770

ob=(1) /bin/bfbench
fl=(1) ???
fn=(1) main
0 5
cfn=(2) bf_measure_run
calls=1 0
0 1700
fn=(2)
0 40
cfn=(3) interpret
calls=1 0
+2 1650
cfl=(2) libc.so
cfn=(4) memchr
calls=3 0
* 10
fn=(3)
0 1600
fn=(3)
-1 50
cfn=(3)
calls=1 0
0 77
fn=(5) bf_measure_compile
0 12
"""


class CallgrindTest(unittest.TestCase):
    def test_inclusive_cost_is_own_cost_plus_calls(self):
        costs = callgrind.inclusive_costs(
            PROFILE.splitlines(True), ["bf_measure_run", "interpret", "bf_measure_compile",
                                       "bf_measure_optimize"])
        self.assertEqual(costs["bf_measure_run"], 40 + 1650 + 10)
        # A recursive call is already inside the caller's own lines: not counted twice.
        self.assertEqual(costs["interpret"], 1600 + 50)
        self.assertEqual(costs["bf_measure_compile"], 12)
        self.assertEqual(costs["bf_measure_optimize"], 0)

    def test_a_name_used_before_definition_is_an_error(self):
        with self.assertRaises(callgrind.CallgrindFormatError):
            callgrind.inclusive_costs(["events: Ir\n", "fn=(9)\n", "0 1\n"], ["x"])

    def test_garbage_is_an_error(self):
        with self.assertRaises(callgrind.CallgrindFormatError):
            callgrind.inclusive_costs(["events: Ir\n", "fn=(1) f\n", "what is this\n"], ["f"])

    def test_other_first_event_is_refused(self):
        with self.assertRaises(callgrind.CallgrindFormatError):
            callgrind.inclusive_costs(["events: Dr Ir\n", "fn=(1) f\n", "0 1 2\n"], ["f"])


if __name__ == "__main__":
    unittest.main()

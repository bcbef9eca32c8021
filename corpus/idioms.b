idioms: exercises the loop shapes the optimizer rewrites; each step prints a cell
(the expected output was computed by the reference interpreter in tests/tools)

multiply by a constant: cell1 = 7 * 9 = 63
+++++++[>+++++++++<-]>.
copy to two targets with factors 2 and 3 and clear the source: cell2 = 126 and cell3 = 189
[->++>+++<<]>.>.
multiply to the left with a negative offset: cell1 = 189 * 5 mod 256 = 177; cell3 = 0
[-<<+++++>>]<<.
counter that steps up: cell1 = 177 counts up to 256 (79 steps) adding 3 each to cell0
[+<+++>]<.
clear loops of both directions
[-]>[+]<.>.
build a row of non zero cells then scan right to the first zero and left back to cell0 marker
>>>+>+>+>+>+<<<<<<
[>]+.
[<]>.
strided scans: set cells 20 22 24 26 to 1 and scan with stride 2 and 3
>>>>>>>>>>>>>>>>>>>>+>>+>>+>>+<<<<<<
[>>]<.>+.
[<<<]>.
nested multiply: cell A = 3; for each unit of A add B copies
[-]>[-]>[-]>[-]<<<
+++[>+++++[>++<-]<-]>>.
output of a value set after a clear and an add
[-]+++++++++++++++++++++++++++++++++++++++++++++++++.
long moves with a net drift inside a loop
>>>>>++++[>>>+<<<-]>>>+++++++++++++++++++++++++++++++++++++++++++++++++++++++.
<<<<<<<<[-]++++++++++.

hello: prints "Hello World!" and a newline
cells after setup: c1 = 72 'H'  c2 = 104 'h'  c3 = 32 ' '  c4 = 8
++++++++[>+++++++++>+++++++++++++>++++>+<<<<-]
>.                   H
>---.                e
+++++++..            ll
+++.                 o
>.                   space
<<+++++++++++++++.   W
>.                   o
+++.                 r
------.              l
--------.            d
>+.                  !
>++.                 newline

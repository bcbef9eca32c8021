wrap: cells are 8 bits and wrap around in both directions
-.          0 minus 1 is 255
+.          255 plus 1 is 0
>++++++++[<++++++++++++++++++++++++++++++++>-]<.     8 times 32 is 256 which is 0
>[-]+[--->+<]>.     from 1 in steps of 3 a cell reaches 0 only by wrapping: counts the steps (171)

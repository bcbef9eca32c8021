trap left: prints a byte 1 then steps left of cell 0 and touches it
+.<-

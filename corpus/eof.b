eof: reads the one byte of input and echoes it; then reads past the end into a cell holding 5
and prints that cell; what it holds depends on the EOF policy (keep: 5; 0; 255)
,.>+++++,.

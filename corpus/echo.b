echo: copies input to output until end of input (needs the EOF policy 0)
,[.,]

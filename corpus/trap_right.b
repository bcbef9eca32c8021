trap right: prints A then walks right writing cells until it falls off the end of the tape
the run must stop with a tape overflow naming the plus inside the loop; the A is still printed
++++++++[>++++++++<-]>+.
[>+]

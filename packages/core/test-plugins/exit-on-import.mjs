// Ends the process while its module is evaluated.
process.exit(9);

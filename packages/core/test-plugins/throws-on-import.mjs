// Fails while its module is evaluated.
throw new Error('cannot find the vendor runtime');

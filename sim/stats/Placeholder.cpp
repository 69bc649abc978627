// Removed once the first real source of this area lands.

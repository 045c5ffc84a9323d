// The org module's error texts: each area registers its codes in the 'org' namespace.
import './places/messages.ts';

/** File writing shared by data, results and reports: atomic replacement of a whole file. */
package dev.tailbench.io;

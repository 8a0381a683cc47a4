/**
 * Statistics over the seeds of a combination: mean, standard deviation and a Student-t confidence
 * interval of its error, and the one-sided paired t-test that decides a relative budget ("not
 * worse than the baseline by more than m points", or with a negative m "better by at least -m")
 * when several seeds ran. Plain Java over Hipparchus's t distribution.
 */
package dev.tailbench.report.stats;

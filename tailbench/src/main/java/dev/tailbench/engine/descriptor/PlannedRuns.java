package dev.tailbench.engine.descriptor;

import java.util.ArrayList;
import java.util.List;

import dev.tailbench.spec.RunSpec;

import org.junit.platform.engine.TestDescriptor;

/**
 * The runs a test tree is about to execute, with the references their relative budgets may train:
 * what the execution plans its shared epochs over. Combinations with a declaration problem run
 * nothing and are left out.
 */
public final class PlannedRuns {

    private PlannedRuns() {
    }

    /** The runs of every test under {@code root}. */
    public static List<RunSpec> of(TestDescriptor root) {
        List<RunSpec> runs = new ArrayList<>();
        for (TestDescriptor descriptor : root.getDescendants()) {
            List<RunSpec> own = descriptor instanceof CombinationDescriptor combination ? combination.plannedRuns()
                    : descriptor instanceof SeedDescriptor seed ? seed.plannedRuns() : List.of();
            for (RunSpec run : own) {
                runs.add(run);
                if (run.budget().hasRelative()) {
                    runs.add(run.budget().notWorseThan());
                }
            }
        }
        return runs;
    }
}

package dev.tailbench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Consumer;


import dev.tailbench.report.ResultStore;
import dev.tailbench.report.ResultsLayout;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.SharedFirstStages;

/**
 * The states runs share after their first epochs ({@link SharedFirstStages}), on disk as resume
 * points under {@code <results>/shared-epochs/<key>.zip}, where the key is the SHA-256 of what
 * decides those epochs plus tailbench's build and the runtime (engine version, device, thread
 * count: what can change float results). A file written by an earlier execution is used only when stored results are
 * ({@code tailbench.rerun=false}) and the build is known; one written in this execution always.
 */
final class SharedEpochs {

    private final ResultsLayout layout;
    private final SharedFirstStages plan;
    private final boolean reuseEarlier;
    private final Set<String> writtenNow = new HashSet<>();

    /**
     * @param root         the results directory
     * @param plan         which runs share which epochs
     * @param reuseEarlier whether files written by an earlier execution may be used
     */
    SharedEpochs(Path root, SharedFirstStages plan, boolean reuseEarlier) {
        this.layout = new ResultsLayout(root);
        this.plan = plan;
        this.reuseEarlier = reuseEarlier && !VersionInfo.UNKNOWN.equals(VersionInfo.build());
    }

    /**
     * A shared state a run can start from.
     *
     * @param epochs   the epochs it holds
     * @param producer the run that trained them
     * @param file     where it is
     * @param relative where it is, relative to the results directory (for the result)
     * @param point    what it restores
     */
    record Start(int epochs, String producer, Path file, String relative, ResumePoints.ResumePoint point) {
    }

    /** The epochs after which the run saves its state for others, or starts from theirs; ascending. */
    SortedSet<Integer> epochs(RunSpec spec) {
        return plan.epochs(spec);
    }

    /**
     * The latest shared state of the run's first epochs that another run saved, if any. A file that
     * cannot be read is skipped (said on {@code warnings}): the epochs are trained again and the
     * file replaced.
     */
    Optional<Start> latest(RunSpec spec, Map<String, Object> runtime, Consumer<String> warnings) {
        List<Integer> epochs = List.copyOf(plan.epochs(spec));
        for (int i = epochs.size() - 1; i >= 0; i--) {
            int k = epochs.get(i);
            String key = key(spec, k, runtime);
            Path file = file(key);
            if (!Files.isRegularFile(file) || !(writtenNow.contains(key) || reuseEarlier)) {
                continue;
            }
            try {
                ResumePoints.Stored stored = ResumePoints.read(file);
                if (!key.equals(stored.head().path("key").asText()) || stored.point().nextEpoch() != k) {
                    warnings.accept("shared epochs " + file + " do not hold epochs 1-" + k + " of this key; training"
                            + " them again");
                    continue;
                }
                return Optional.of(new Start(k, stored.head().path("producer").asText(), file,
                        layout.root().relativize(file).toString().replace('\\', '/'), stored.point()));
            }
            catch (IllegalStateException e) {
                warnings.accept(e.getMessage() + " Training the shared epochs again instead.");
            }
        }
        return Optional.empty();
    }

    /** What besides the settings can change a run's numbers: the engine's version, the device, the threads. */
    static Map<String, Object> runtime(NativeEngine nativeEngine) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("engine", nativeEngine.engine().getEngineName() + " " + nativeEngine.engine().getVersion());
        runtime.put("device", nativeEngine.device().toString());
        runtime.put("threads", nativeEngine.deviceRecord().threads());
        return runtime;
    }

    /** Whether the run should save its state after {@code epochs} epochs for the others. */
    boolean wanted(RunSpec spec, int epochs, Map<String, Object> runtime) {
        return plan.epochs(spec).contains(epochs) && !writtenNow.contains(key(spec, epochs, runtime));
    }

    /** Saves the run's state after its first {@code epochs} epochs. */
    void save(RunSpec spec, int epochs, Map<String, Object> runtime, ResumePoints.ResumePoint point) {
        String key = key(spec, epochs, runtime);
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("format", ResumePoints.FORMAT);
        head.put("key", key);
        head.put("producer", spec.experiment() + "#" + spec.combination() + " seed " + spec.seed());
        head.put("settings", identity(spec, epochs, runtime));
        ResumePoints.write(file(key), head, point);
        writtenNow.add(key);
    }

    private Path file(String key) {
        return layout.sharedEpochs(key);
    }

    private static Map<String, Object> identity(RunSpec spec, int epochs, Map<String, Object> runtime) {
        Map<String, Object> identity = new LinkedHashMap<>(SharedFirstStages.settings(spec, epochs));
        identity.put("build", VersionInfo.build());
        identity.put("runtime", runtime);
        return identity;
    }

    static String key(RunSpec spec, int epochs, Map<String, Object> runtime) {
        return ResultStore.canonicalSha256(identity(spec, epochs, runtime));
    }
}

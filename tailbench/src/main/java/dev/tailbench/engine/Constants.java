package dev.tailbench.engine;

import dev.tailbench.data.DatasetLoader;
import dev.tailbench.run.RunSettings;

/**
 * Every configuration key tailbench reads. Keys are JUnit configuration parameters, so they can
 * be given as {@code -Dkey=value} to Maven (Surefire passes user properties to the forked JVM as
 * system properties), in {@code junit-platform.properties}, or through the launcher API.
 */
public final class Constants {

    /**
     * Directory holding data sets by name ({@code fashion-mnist/}, {@code mnist/},
     * {@code cifar-10-batches-bin/}, {@code cifar-100-binary/}). Unset or blank: the embedded
     * long-tailed Fashion-MNIST subset shipped in the jar.
     */
    public static final String DATA_DIR = DatasetLoader.DATA_DIR_PROPERTY;

    /** Directory results are written to. Default: {@value #DEFAULT_RESULTS_DIR}. */
    public static final String RESULTS_DIR = RunSettings.RESULTS_DIR_KEY;

    /** Default of {@link #RESULTS_DIR}, relative to the working directory. */
    public static final String DEFAULT_RESULTS_DIR = "target/tailbench/results";

    /**
     * Training device: {@code auto} (a GPU when the engine has one, else the CPU), {@code cpu},
     * or {@code gpu} (fails instead of falling back to the CPU). Default: {@code auto}.
     */
    public static final String DEVICE = "tailbench.device";

    /** Overrides every experiment's epochs (milestones and warm-up scale with it). */
    public static final String EPOCHS = "tailbench.epochs";

    /** Overrides every experiment's seeds: a comma-separated list, e.g. {@code 1,2,3}. */
    public static final String SEEDS = "tailbench.seeds";

    /**
     * Overrides every experiment's data set, e.g. {@code fashion-mnist} to run CIFAR tables at a
     * CPU scale. Published figures then do not apply (their protocol names another data set).
     */
    public static final String DATASET = "tailbench.dataset";

    /**
     * Overrides every experiment's long-tailed subset variant: {@code tailbench}, {@code cao} or
     * {@code cui} (see {@code LongTailExperiment.variant}), e.g. to run the paper's tables on the
     * subsets their figures were measured on.
     */
    public static final String VARIANT = "tailbench.variant";

    /**
     * Overrides every experiment's imbalance factor (n_max / n_min, at least 1), e.g. {@code 50} to
     * run the paper's tables on the subsets of their second column.
     */
    public static final String IMBALANCE = "tailbench.imbalance";

    /** Overrides every experiment's backbone, e.g. {@code resnet8}. */
    public static final String BACKBONE = "tailbench.backbone";

    /** Overrides every experiment's batch size. */
    public static final String BATCH_SIZE = RunSettings.BATCH_SIZE_KEY;

    /**
     * Level of the one-sided paired t-test that decides a relative budget over several seeds, and
     * 1 - alpha the confidence of the reported intervals. Default: {@value #DEFAULT_ALPHA}.
     */
    public static final String ALPHA = "tailbench.alpha";

    /** Default of {@link #ALPHA}. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** Intra-op threads of the native engine; default: the number of available processors. */
    public static final String THREADS = "tailbench.threads";

    /** Whether a line of progress is printed after every epoch. Default: {@code true}. */
    public static final String PROGRESS = "tailbench.progress";

    /**
     * Many/medium/few-shot thresholds: {@code scaled} (default: the field's 100/20 images scaled
     * by n_max/500, the head size of CIFAR-LT, so that smaller or larger sets split the same way)
     * or {@code absolute} (more than 100 / 20 to 100 / fewer than 20 training images).
     */
    public static final String SHOT_THRESHOLDS = "tailbench.shots";

    /**
     * Epochs between two checkpoints of a run ({@code <results>/<Experiment>/<combination>/seed-<n>-checkpoint.zip}:
     * parameters, optimizer and loss state, records). {@code 0}: none. Default:
     * {@value #DEFAULT_CHECKPOINT_INTERVAL}. The checkpoint is deleted when the run's result is written.
     */
    public static final String CHECKPOINT_INTERVAL = "tailbench.checkpoint.interval";

    /** Default of {@link #CHECKPOINT_INTERVAL}. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 1;

    /**
     * Whether a run whose checkpoint exists continues from it (default {@code true}). A checkpoint
     * of another configuration is refused with the differing settings; {@code false} trains from
     * scratch and replaces it.
     */
    public static final String RESUME = RunSettings.RESUME_KEY;

    /**
     * Whether a run whose complete result file exists, written by the same configuration and the
     * same build of tailbench, is trained again (default {@code false}: the stored result is
     * judged again instead).
     */
    public static final String RERUN = RunSettings.RERUN_KEY;

    /**
     * Whether runs that train the same first epochs share them (default {@code true}): when two runs
     * of this execution agree on everything that decides their epochs up to where the first stage of
     * one of them ends (a cross-entropy run and a cRT or DRW run of the same seed and schedule, or
     * one recipe declared twice, say), one trains those epochs and saves its state under {@code <results>/shared-epochs/}, and
     * the other continues from it, as from a checkpoint. The result says so in its first stage's
     * details ({@code sharedEpochs}, {@code sharedFrom}). {@code false}: every run trains all of its
     * epochs (for timing runs, say).
     */
    public static final String SHARE_EPOCHS = "tailbench.shareEpochs";

    /**
     * Runs one shard of the discovered combinations: {@code i/n} with {@code 1 <= i <= n}, e.g.
     * {@code 2/4}, so that n machines together run everything once. Combinations compared with
     * each other (a relative budget's reference, the experiment's baseline) form one group and
     * stay in one shard; a group's shard depends only on its unique ids (see
     * {@code dev.tailbench.engine.shard.Shard}). Unset or blank: everything runs.
     */
    public static final String SHARD = "tailbench.shard";

    private Constants() {
    }
}

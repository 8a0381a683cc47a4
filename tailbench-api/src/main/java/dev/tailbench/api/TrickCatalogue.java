package dev.tailbench.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every trick tailbench knows, each in one entry: family and name (as in its {@link TrickSpec}),
 * the factory call that gives its defaults, where it was published, the traits that decide what it
 * combines with, and the parameters whose default follows the data set. Adding a trick means one
 * factory method, one implementing class (mapped in {@code dev.tailbench.tricks.Tricks} or, for a
 * classifier stage, {@code ClassifierStage}) and one entry here; {@code TrickCatalogueTest} checks
 * that factories, entries and implementations match.
 */
public final class TrickCatalogue {

    /** What a trick needs or does that decides which recipes it belongs in. */
    public enum Trait {
        /** Generates images from a trained first stage (CAM-based sampling, ImageTrans): deferred samplers only. */
        GENERATES_IMAGES,
        /** A class-weighted sampler that CAM-based sampling and ImageTrans can draw classes with. */
        GENERATING_BASE,
        /** Trains a cosine (normalised) classifier, which classifier re-balancing cannot work on. */
        COSINE_CLASSIFIER,
        /** Trains scores for balanced classes already: post-hoc logit adjustment would subtract the prior twice. */
        BALANCED_SCORES
    }

    /**
     * Where a trick was published.
     *
     * @param title what it is, e.g. {@code Focal loss (Lin et al., ICCV 2017)}
     * @param url   where
     */
    public record Reference(String title, String url) {
    }

    /**
     * One trick.
     *
     * @param family          {@link TrickSpec#family()}
     * @param name            {@link TrickSpec#name()}
     * @param example         a factory call that builds it (with the paper's defaults where the factory has them)
     * @param reference       where it was published, or null for a baseline or the Bag of Tricks' own
     * @param traits          what decides its combinations
     * @param refusesMixup    why it cannot train on mixed labels, or null when it can
     * @param datasetDefaults per parameter, its published value by data set (CIFAR-10's is the default)
     */
    public record Entry(String family, String name, Supplier<TrickSpec> example, Reference reference,
            Set<Trait> traits, String refusesMixup, Map<String, Map<String, Double>> datasetDefaults) {

        /** {@code family/name}, e.g. {@code loss/focal}. */
        public String key() {
            return TrickCatalogue.key(family, name);
        }

        public boolean has(Trait trait) {
            return traits.contains(trait);
        }
    }

    /** The Bag of Tricks paper itself (Zhang et al., AAAI 2021). */
    public static final Reference BAG_OF_TRICKS = new Reference("Bag of Tricks (Zhang et al., AAAI 2021)",
            "https://cs.nju.edu.cn/wujx/paper/AAAI2021_Tricks.pdf");

    private static final String CIFAR_10 = DatasetDefaults.CIFAR_10;
    private static final Reference FOCAL = arxiv("Focal loss (Lin et al., ICCV 2017)", "1708.02002");
    private static final Reference CUI = arxiv("Class-balanced loss (Cui et al., CVPR 2019)", "1901.05555");
    private static final Reference EQL = arxiv("Equalization loss (Tan et al., CVPR 2020)", "2003.05176");
    private static final Reference BBN = arxiv("BBN (Zhou et al., CVPR 2020)", "1912.02413");
    private static final Reference KANG = arxiv("Decoupling (Kang et al., ICLR 2020)", "1910.09217");
    private static final Reference MENON = arxiv("Logit adjustment (Menon et al., ICLR 2021)", "2007.07314");
    private static final Reference REN = arxiv("Balanced softmax (Ren et al., NeurIPS 2020)", "2007.10740");
    private static final Map<String, Double> BETA = Map.of(CIFAR_10, 0.9999, "cifar-100", 0.9);

    private static final Map<String, Entry> ENTRIES = entries(
            loss("cross-entropy", Losses::crossEntropy, null),
            loss("cost-sensitive", Losses::costSensitive, null),
            loss("focal", Losses::focal, FOCAL),
            loss("cost-sensitive-focal", () -> Losses.costSensitiveFocal(2, 1), FOCAL),
            with(loss("class-balanced", Losses::classBalanced, CUI), "beta", BETA),
            with(loss("class-balanced-focal", Losses::classBalancedFocal, CUI), "beta", BETA),
            loss("label-smoothing", Losses::labelSmoothing, arxiv("Label smoothing (Szegedy et al., CVPR 2016)", "1512.00567")),
            loss("label-aware-smoothing", Losses::labelAwareSmoothing,
                    arxiv("Label-aware smoothing (Zhong et al., CVPR 2021)", "2104.00466")),
            loss("ldam", Losses::ldam, arxiv("LDAM (Cao et al., NeurIPS 2019)", "1906.07413"), Trait.COSINE_CLASSIFIER),
            loss("cdt", Losses::cdt, arxiv("CDT (Ye et al., 2020)", "2001.01385")),
            loss("balanced-softmax", Losses::balancedSoftmax, REN, Trait.BALANCED_SCORES),
            with(loss("softmax-equalization", Losses::softmaxEqualization, EQL), "lambda",
                    Map.of(CIFAR_10, 0.05, "cifar-100", 0.005)),
            loss("equalization", Losses::equalization, EQL),
            refusingMixup(loss("equalization-v2", Losses::equalizationV2,
                    arxiv("Equalization loss v2 (Tan et al., CVPR 2021)", "2012.08548")),
                    "equalization-v2 accumulates each class's positive and negative gradients from one-hot labels;"
                            + " mixup's mixed labels have no such split: drop optMixup"),
            loss("logit-adjusted", Losses::logitAdjusted, MENON, Trait.BALANCED_SCORES),
            refusingMixup(loss("class-rectification", Losses::classRectification,
                    arxiv("Class rectification loss (Dong et al., TPAMI 2018)", "1804.10851")),
                    "class-rectification profiles each batch's minority classes and mines their hard samples by"
                            + " label; mixup's mixed labels belong to two classes: drop optMixup"),
            sampler("instance-balanced", Samplers::instanceBalanced, null),
            sampler("class-balanced", Samplers::classBalanced, null, Trait.GENERATING_BASE),
            sampler("square-root", Samplers::squareRoot, null, Trait.GENERATING_BASE),
            sampler("progressive", Samplers::progressive, null, Trait.GENERATING_BASE),
            sampler("random-over-sampling", Samplers::randomOverSampling, null),
            sampler("random-under-sampling", Samplers::randomUnderSampling, null),
            sampler("reverse", Samplers::reverse, BBN),
            sampler("bbn-style", Samplers::bbnStyle, BBN),
            sampler("cam-based", Samplers::camBased, null, Trait.GENERATES_IMAGES),
            sampler("image-trans", () -> Samplers.imageTrans("class-balanced"), null, Trait.GENERATES_IMAGES),
            entry(Mixups.FAMILY, "input", Mixups::input, arxiv("mixup (Zhang et al., ICLR 2018)", "1710.09412")),
            entry(Mixups.FAMILY, "manifold", Mixups::manifold,
                    arxiv("Manifold mixup (Verma et al., ICML 2019)", "1806.05236")),
            entry(Mixups.FAMILY, "remix", Mixups::remix, arxiv("Remix (Chou et al., ECCV 2020 workshops)", "2007.03943")),
            entry(Mixups.FINE_TUNING_FAMILY, "without-mixup", Mixups::fineTuningWithoutMixup, null),
            entry(Rebalancing.FAMILY, "crt", Rebalancing::classifierRetraining, KANG),
            entry(Rebalancing.FAMILY, "lws", Rebalancing::learnableWeightScaling, KANG),
            entry(Rebalancing.FAMILY, "tau-norm", Rebalancing::tauNormalisation, KANG),
            entry(Rebalancing.FAMILY, "logit-adjustment", Rebalancing::logitAdjustment, MENON),
            entry(Rebalancing.FAMILY, "balms", Rebalancing::balancedMetaSoftmax,
                    arxiv("Balanced Meta-Softmax (Ren et al., NeurIPS 2020)", "2007.10740")));

    private TrickCatalogue() {
    }

    /** Every entry, in catalogue order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The entry of a trick, if tailbench knows it. */
    public static Optional<Entry> find(String family, String name) {
        return Optional.ofNullable(ENTRIES.get(key(family, name)));
    }

    /**
     * The entry of a spec's trick.
     *
     * @throws IllegalArgumentException if the catalogue has none
     */
    public static Entry of(TrickSpec spec) {
        return find(spec.family(), spec.name()).orElseThrow(() -> new IllegalArgumentException(
                "the " + spec.family() + " '" + spec.name() + "' is not in the trick catalogue"));
    }

    /** Whether a spec's trick has a trait (false for a trick the catalogue does not know). */
    public static boolean has(TrickSpec spec, Trait trait) {
        return spec != null && find(spec.family(), spec.name()).map(entry -> entry.has(trait)).orElse(false);
    }

    /** The names of a family's tricks with a trait. */
    public static Set<String> names(String family, Trait trait) {
        return ENTRIES.values().stream().filter(entry -> entry.family().equals(family) && entry.has(trait))
                .map(Entry::name).collect(Collectors.toUnmodifiableSet());
    }

    private static String key(String family, String name) {
        return family + "/" + name;
    }

    private static Entry loss(String name, Supplier<TrickSpec> defaults, Reference reference, Trait... traits) {
        return entry(Losses.FAMILY, name, defaults, reference, traits);
    }

    private static Entry sampler(String name, Supplier<TrickSpec> defaults, Reference reference, Trait... traits) {
        return entry(Samplers.FAMILY, name, defaults, reference, traits);
    }

    private static Entry entry(String family, String name, Supplier<TrickSpec> defaults, Reference reference,
            Trait... traits) {
        return new Entry(family, name, defaults, reference, Set.of(traits), null, Map.of());
    }

    private static Entry with(Entry entry, String parameter, Map<String, Double> byDataset) {
        Map<String, Map<String, Double>> defaults = new LinkedHashMap<>(entry.datasetDefaults());
        defaults.put(parameter, Map.copyOf(byDataset));
        return new Entry(entry.family(), entry.name(), entry.example(), entry.reference(), entry.traits(),
                entry.refusesMixup(), Map.copyOf(defaults));
    }

    private static Entry refusingMixup(Entry entry, String reason) {
        return new Entry(entry.family(), entry.name(), entry.example(), entry.reference(), entry.traits(), reason,
                entry.datasetDefaults());
    }

    private static Map<String, Entry> entries(Entry... entries) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (byKey.put(entry.key(), entry) != null) {
                throw new IllegalStateException("two catalogue entries for " + entry.key());
            }
        }
        return byKey;
    }

    private static Reference arxiv(String title, String id) {
        return new Reference(title, "https://arxiv.org/abs/" + id);
    }
}

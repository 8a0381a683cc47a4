package dev.tailbench.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backbone names an experiment may ask for: the CIFAR ResNets with the depth (6n+2) each
 * stands for, and the ImageNet ResNets of the large benchmarks ({@code resnet10}, {@code resnet50},
 * {@code resnext50_32x4d}). Kept apart from {@code dev.tailbench.model.Backbones}, which builds the
 * DJL blocks, so that discovery can check a name without touching DJL.
 */
public final class BackboneDepths {

    private static final Map<String, Integer> DEPTHS;

    static {
        Map<String, Integer> depths = new LinkedHashMap<>();
        depths.put("resnet32", 32); // n = 5: the standard CIFAR-LT backbone
        depths.put("resnet20", 20); // n = 3
        depths.put("resnet8", 8); // n = 1: small network for 28x28 grey images
        DEPTHS = Collections.unmodifiableMap(depths);
    }

    /** The ImageNet ResNets (7x7 stem, four stages); {@code model.ImageNetResNet} builds them. */
    private static final List<String> IMAGENET = List.of("resnet10", "resnet50", "resnext50_32x4d");

    private static final Set<String> NAMES;

    static {
        Set<String> names = new LinkedHashSet<>(DEPTHS.keySet());
        names.addAll(IMAGENET);
        NAMES = Collections.unmodifiableSet(names);
    }

    private BackboneDepths() {
    }

    /** The known names, in a stable order for error messages. */
    public static Set<String> names() {
        return NAMES;
    }

    /** Whether an experiment may name this backbone. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /** The depth of a named CIFAR backbone; empty for the ImageNet ones and unknown names. */
    public static Optional<Integer> depth(String name) {
        return Optional.ofNullable(DEPTHS.get(name));
    }
}

package dev.tailbench.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backbone names an experiment may ask for and the CIFAR ResNet depth (6n+2) each stands for.
 * Kept apart from {@code dev.tailbench.model.Backbones}, which builds the DJL blocks, so that
 * discovery can check a name without touching DJL.
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

    private BackboneDepths() {
    }

    /** The known names, in a stable order for error messages. */
    public static Set<String> names() {
        return DEPTHS.keySet();
    }

    /** The depth of a named backbone. */
    public static Optional<Integer> depth(String name) {
        return Optional.ofNullable(DEPTHS.get(name));
    }
}

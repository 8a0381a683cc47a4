package dev.tailbench.benchmarks.twin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.ConfigurationParameters;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.TailbenchConfiguration;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.io.AtomicFiles;
import dev.tailbench.run.PreparedData;
import dev.tailbench.spec.DataSpec;

/**
 * Writes the training images {@link TwinRecipes} trains on, for the PyTorch twin: each image's
 * index in the official training files, its label, the class counts and the normalisation.
 * The data spec is the experiment's own (read with the same {@code tailbench.*} system properties
 * as the run), so the twin cannot train on another draw.
 *
 * <p>Usage: {@code java -cp <test classpath> -Dtailbench.data.dir=<dir> dev.tailbench.benchmarks.twin.SubsetExport <out.json>}
 */
public final class SubsetExport {

    private SubsetExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SubsetExport <out.json>  (with -Dtailbench.data.dir=<dir>)");
            System.exit(2);
        }
        ExperimentDeclaration declaration = ExperimentDeclaration.read(TwinRecipes.class,
                TailbenchConfiguration.from(new SystemProperties()));
        if (!declaration.classProblems().isEmpty()) {
            throw new IllegalStateException("TwinRecipes: " + declaration.classProblems());
        }
        String first = declaration.combinationNames().get(0);
        DataSpec spec = declaration.runSpec(first, declaration.seeds().get(0)).data();
        PreparedData.DrawnSets drawn = PreparedData.draw(spec);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("dataset", spec.dataset());
        export.put("variant", spec.variant());
        export.put("profile", spec.profile());
        export.put("imbalance", spec.imbalance());
        export.put("dataSeed", spec.dataSeed());
        export.put("poolIndices", drawn.poolIndices());
        export.put("labels", drawn.train().labels());
        export.put("classCounts", drawn.train().classCounts());
        export.put("mean", drawn.splits().info().mean());
        export.put("std", drawn.splits().info().std());
        export.put("channels", drawn.train().channels());
        export.put("height", drawn.train().height());
        export.put("width", drawn.train().width());
        export.put("testImages", drawn.splits().test().size());
        byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(export)
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(Path.of(args[0]), out -> out.write(json));
        System.out.println("wrote " + drawn.train().size() + " training images of " + spec.dataset() + " to " + args[0]);
    }

    /** The engine's configuration keys read from system properties, as Surefire passes them. */
    private static final class SystemProperties implements ConfigurationParameters {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(System.getProperty(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::parseBoolean);
        }

        @Override
        public Set<String> keySet() {
            return System.getProperties().stringPropertyNames();
        }
    }
}

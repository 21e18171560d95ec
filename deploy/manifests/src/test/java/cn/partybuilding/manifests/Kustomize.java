package cn.partybuilding.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What {@code kustomize build} would read, without kustomize (it is not installed where the build runs): a
 * kustomization's resources (files and directories, recursively), components, ConfigMap and Secret generators and
 * patches. Every file it names must exist, lie inside the kustomization's folder where kustomize requires it, and
 * parse. Patches are not applied; a patch must name an object the build has. The {@code replicas} field is applied (it
 * sets a Deployment's {@code spec.replicas}) and must name a Deployment of the build.
 */
final class Kustomize {
    static final YAMLMapper YAML = new YAMLMapper();

    /** One YAML document of a resource file. */
    record Document(Path file, JsonNode node) {
        String apiVersion() {
            return node.path("apiVersion").asText();
        }

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        JsonNode spec() {
            return node.path("spec");
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file.getFileName() + ")";
        }
    }

    /** The objects of a build and what its generators make: ConfigMap name → keys and values, Secret name → keys. */
    record Build(Path dir, String namespace, List<Document> documents, Map<String, Map<String, String>> configMaps,
                 Map<String, Map<String, String>> secrets, List<JsonNode> images, List<Document> patches) {
        List<Document> ofKind(String kind) {
            return documents.stream().filter(d -> d.kind().equals(kind)).toList();
        }

        Document one(String kind, String name) {
            return documents.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(dir + ": no " + kind + "/" + name));
        }
    }

    private Kustomize() {
    }

    static Build build(Path dir) {
        Build build = new Build(dir, null, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        String namespace = collect(dir, build);
        for (JsonNode replicas : readOne(dir.resolve("kustomization.yaml")).path("replicas")) {
            Document deployment = build.one("Deployment", replicas.path("name").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.spec()).put("replicas", replicas.path("count").asInt());
        }
        for (Document patch : build.patches()) {
            assertTrue(build.documents().stream().anyMatch(d -> d.kind().equals(patch.kind()) && d.name().equals(patch.name())),
                    dir + ": the patch " + patch + " names no object of the build");
        }
        return new Build(dir, namespace, build.documents(), build.configMaps(), build.secrets(), build.images(), build.patches());
    }

    private static String collect(Path dir, Build into) {
        Path file = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(file), "no kustomization.yaml in " + dir);
        JsonNode k = readOne(file);
        String kind = k.path("kind").asText("Kustomization");
        assertTrue(kind.equals("Kustomization") || kind.equals("Component"), file + ": kind " + kind);
        for (JsonNode entry : k.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                collect(resource, into);
            } else {
                assertTrue(Files.isRegularFile(resource), file + " names " + entry.asText() + ", which does not exist");
                into.documents().addAll(readAll(resource));
            }
        }
        for (JsonNode entry : k.path("components")) {
            Path component = dir.resolve(entry.asText()).normalize();
            assertTrue(Files.isDirectory(component), file + " names the component " + entry.asText() + ", which does not exist");
            collect(component, into);
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            put(into.configMaps(), generator, generated(dir, file, generator));
        }
        for (JsonNode generator : k.path("secretGenerator")) {
            put(into.secrets(), generator, generated(dir, file, generator));
        }
        k.path("images").forEach(into.images()::add);
        for (JsonNode patch : k.path("patches")) {
            if (patch.has("path")) {
                Path path = inside(dir, file, patch.path("path").asText());
                into.patches().addAll(readAll(path));
            }
        }
        return k.path("namespace").isMissingNode() ? null : k.path("namespace").asText();
    }

    private static void put(Map<String, Map<String, String>> into, JsonNode generator, Map<String, String> entries) {
        String name = generator.path("name").asText();
        String behavior = generator.path("behavior").asText("create");
        if (behavior.equals("create")) {
            assertTrue(!into.containsKey(name), "two generators make " + name);
            into.put(name, entries);
        } else {
            into.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(entries);
        }
    }

    /** The keys and values a generator makes from its env files, files and literals (all inside the folder). */
    private static Map<String, String> generated(Path dir, Path file, JsonNode generator) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (JsonNode env : generator.path("envs")) {
            entries.putAll(envFile(inside(dir, file, env.asText())));
        }
        for (JsonNode f : generator.path("files")) {
            String spec = f.asText();
            String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName().toString();
            Path path = inside(dir, file, spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec);
            entries.put(key, read(path));
        }
        for (JsonNode literal : generator.path("literals")) {
            String spec = literal.asText();
            assertTrue(spec.contains("="), file + ": literal without =: " + spec);
            entries.put(spec.substring(0, spec.indexOf('=')), spec.substring(spec.indexOf('=') + 1));
        }
        assertTrue(!entries.isEmpty(), file + ": the generator " + generator.path("name").asText() + " makes nothing");
        return entries;
    }

    /** kustomize's default load restrictor: a generator's or patch's file lies in or below the kustomization's folder. */
    private static Path inside(Path dir, Path file, String relative) {
        Path path = dir.resolve(relative).normalize();
        assertTrue(path.startsWith(dir.normalize()), file + ": " + relative + " lies outside " + dir + " (kustomize refuses it)");
        assertTrue(Files.isRegularFile(path), file + " names " + relative + ", which does not exist");
        return path;
    }

    static Map<String, String> envFile(Path path) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : read(path).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            assertTrue(trimmed.contains("="), path + ": not KEY=VALUE: " + line);
            entries.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
        }
        return entries;
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readOne(Path path) {
        List<JsonNode> nodes = readNodes(path);
        assertEquals(1, nodes.size(), path + ": one YAML document expected");
        return nodes.get(0);
    }

    /** The documents of a manifest file; each one a Kubernetes object with apiVersion, kind and metadata.name. */
    static List<Document> readAll(Path path) {
        List<Document> documents = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode node : readNodes(path)) {
            Document document = new Document(path, node);
            if (!document.apiVersion().contains("/") && !document.apiVersion().equals("v1")) {
                fail(path + ": a document without a proper apiVersion: " + node);
            }
            assertTrue(!document.kind().isEmpty(), path + ": a document without kind");
            assertTrue(document.name().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && document.name().length() <= 253,
                    path + ": " + document.kind() + " without a valid metadata.name: '" + document.name() + "'");
            assertTrue(seen.add(document.kind() + "/" + document.name()), path + ": " + document + " twice");
            documents.add(document);
        }
        assertTrue(!documents.isEmpty(), path + " holds no object");
        return documents;
    }

    private static List<JsonNode> readNodes(Path path) {
        List<JsonNode> nodes = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(path.toFile())) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    nodes.add(node);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(path + " is not valid YAML: " + e.getMessage(), e);
        }
        return nodes;
    }
}

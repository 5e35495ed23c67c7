package dev.guardrails4j.spring;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.api.spi.PolicySource;
import dev.guardrails4j.core.policy.FilePolicySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.Resource;

/**
 * Policies from a Spring {@link Resource}: a file, a directory of files (delegated to {@link
 * FilePolicySource}), or a classpath or URL resource read as one document. Documents are named by
 * the location the user wrote, so that errors point at it.
 */
final class ResourcePolicySource implements PolicySource {

  private final Resource resource;
  private final String name;

  ResourcePolicySource(Resource resource, String name) {
    this.resource = resource;
    this.name = name;
  }

  @Override
  public String description() {
    return name;
  }

  @Override
  public List<PolicyDocument> load() {
    if (!resource.exists()) {
      throw new UncheckedIOException(new IOException("policy location " + name
          + " does not exist; fix guardrails.policy-location or remove it to use the built-in policy set"));
    }
    try {
      if (resource.isFile()) {
        Path path = resource.getFile().toPath();
        if (Files.isDirectory(path)) {
          return FilePolicySource.of(path).load();
        }
      }
      long size = resource.contentLength();
      if (size > FilePolicySource.MAX_FILE_BYTES) {
        throw new IOException("policy file " + name + " has " + size + " bytes; the limit is "
            + FilePolicySource.MAX_FILE_BYTES);
      }
      try (InputStream in = resource.getInputStream()) {
        byte[] bytes = in.readNBytes((int) FilePolicySource.MAX_FILE_BYTES + 1);
        if (bytes.length > FilePolicySource.MAX_FILE_BYTES) {
          throw new IOException("policy file " + name + " is larger than " + FilePolicySource.MAX_FILE_BYTES + " bytes");
        }
        return List.of(FilePolicySource.document(name, bytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy location " + name + ": " + e.getMessage(), e);
    }
  }
}

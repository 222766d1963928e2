package dev.cptflow.activities.store;

import java.nio.file.Path;

/**
 * A URI scheme that names files on this machine under a name of their own ({@code demo:corpus/a.jsonl}), registered
 * by whoever owns the files. Readers resolve such URIs through {@link LocalSchemes} and keep the URI as the files'
 * name, so ids made from it do not depend on where the files lie.
 */
public interface LocalScheme {
  /** The URI prefix, {@code demo:}. */
  String prefix();

  /** The local path (globs kept) a URI of this scheme names, making the files exist first if they are built lazily. */
  String localPath(String uri);

  /** The URI of a local file of this scheme. */
  String uriOf(Path localFile);
}

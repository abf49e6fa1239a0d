package org.medai.imaging.io.dicom.codec;

import java.util.Set;

/**
 * Base of codec families that decode all their transfer syntaxes with one stateless decoder:
 * subclasses only name themselves, their UIDs and the decoder.
 */
public abstract class SingleDecoderProvider implements FrameDecoderProvider {
  private final String name;
  private final Set<String> uids;
  private final FrameDecoder decoder;

  protected SingleDecoderProvider(String name, Set<String> transferSyntaxUids, FrameDecoder decoder) {
    this.name = name;
    this.uids = Set.copyOf(transferSyntaxUids);
    this.decoder = decoder;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> transferSyntaxUids() {
    return uids;
  }

  @Override
  public final FrameDecoder decoder(String transferSyntaxUid) {
    return uids.contains(transferSyntaxUid) ? decoder : null;
  }
}

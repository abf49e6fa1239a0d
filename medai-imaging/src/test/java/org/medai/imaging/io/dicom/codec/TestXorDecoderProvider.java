package org.medai.imaging.io.dicom.codec;

import java.util.Set;

/** A test-only codec for a private transfer syntax: each byte XOR 0x5A. Proves the SPI wiring. */
public final class TestXorDecoderProvider implements FrameDecoderProvider {
  public static final String UID = "1.2.826.0.1.3680043.8.498.77777";

  @Override
  public String name() {
    return "test-xor";
  }

  @Override
  public Set<String> transferSyntaxUids() {
    return Set.of(UID);
  }

  @Override
  public FrameDecoder decoder(String transferSyntaxUid) {
    return (compressed, info) -> {
      byte[] out = new byte[(int) info.frameBytes()];
      for (int i = 0; i < out.length; i++) out[i] = (byte) (compressed[i] ^ 0x5A);
      return out;
    };
  }
}

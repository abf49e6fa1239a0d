package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Examples from PS3.5 Annexes H-J (bytes written out from the standard's tables). */
class SpecificCharsetTest {
  private static final int ESC = 0x1B;

  private static String decode(String charset, byte[] value) {
    DicomDataset ds = DicomDataset.builder().putStrings(Tag.SpecificCharacterSet, VR.CS, charset.split("\\\\"))
        .putBytes(Tag.PatientName, VR.PN, value).build();
    return ds.getString(Tag.PatientName, null);
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) o.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
      else o.write((Integer) p);
    }
    return o.toByteArray();
  }

  @Test
  void decode_isoIr100_latin1() {
    assertEquals("Buc^Jérôme", decode("ISO_IR 100", bytes("Buc^J", 0xE9, "r", 0xF4, "me")));
  }

  @Test
  void decode_isoIr192_utf8() {
    assertEquals("Wang^XiaoDong=王^小東", decode("ISO_IR 192", "Wang^XiaoDong=王^小東".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void decode_iso2022Ir87_kanjiAndHiragana() {
    byte[] v = bytes("Yamada^Tarou=", ESC, "$B;3ED", ESC, "(B^", ESC, "$BB@O:", ESC, "(B=",
        ESC, "$B$d$^$@", ESC, "(B^", ESC, "$B$?$m$&", ESC, "(B");
    assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", decode("\\ISO 2022 IR 87", v));
  }

  @Test
  void decode_iso2022Ir13_halfWidthKatakana() {
    byte[] v = bytes(0xD4, 0xCF, 0xC0, 0xDE, "^", 0xC0, 0xDB, 0xB3, "=", ESC, "$B;3ED", ESC, "(J^", ESC, "$BB@O:", ESC, "(J");
    assertEquals("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎", decode("ISO 2022 IR 13\\ISO 2022 IR 87", v));
  }

  @Test
  void decode_iso2022Ir149_hangul() {
    byte[] v = bytes("Hong^Gildong=", ESC, "$)C", 0xC8, 0xAB, "^", ESC, "$)C", 0xB1, 0xE6, 0xB5, 0xBF);
    assertEquals("Hong^Gildong=홍^길동", decode("\\ISO 2022 IR 149", v));
  }

  @Test
  void encodeDecode_iso2022Japanese_roundTrips() {
    DicomDataset ds = DicomDataset.builder().putStrings(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87")
        .putStrings(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう").build();
    assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", ds.getString(Tag.PatientName, null));
    byte[] expected = bytes("Yamada^Tarou=", ESC, "$B;3ED", ESC, "(B^", ESC, "$BB@O:", ESC, "(B=",
        ESC, "$B$d$^$@", ESC, "(B^", ESC, "$B$?$m$&", ESC, "(B");
    assertEquals(new String(expected, StandardCharsets.ISO_8859_1),
        new String(ds.get(Tag.PatientName).bytes(), StandardCharsets.ISO_8859_1).trim());
  }

  @Test
  void encodeDecode_iso2022Korean_roundTrips() {
    DicomDataset ds = DicomDataset.builder().putStrings(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 149")
        .putStrings(Tag.PatientName, VR.PN, "Hong^Gildong=홍^길동").build();
    assertEquals("Hong^Gildong=홍^길동", ds.getString(Tag.PatientName, null));
  }
}

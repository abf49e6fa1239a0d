package org.medai.nlp.deid;

/** Kinds of protected health information medai-nlp finds and replaces (HIPAA Safe Harbor identifiers). */
public enum PhiType {
  NAME, DATE, AGE, PHONE, FAX, EMAIL, URL, IP, SSN,
  /** Medical record number. */
  MRN,
  /** Account, encounter, billing or claim number. */
  ACCOUNT,
  /** Any other identifying number: health plan, licence, device serial, or an unlabelled long number. */
  ID,
  /** Street address, PO box or city. */
  ADDRESS,
  ZIP
}

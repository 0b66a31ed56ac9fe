"""The recommendations register: who recommended what, how it was answered, whether it was
delivered; the committee-response parser; the tracker and its reports."""

"""Tests of weekly_pdf.typeset."""

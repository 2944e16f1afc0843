"""The yearly accountability of each funded measure: its Projektsteckbrief and Sachbericht,
drafted by the provider, checked by the district's coordinator and accepted by the LKS."""

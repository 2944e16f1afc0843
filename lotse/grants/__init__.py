"""The grant procedure of each district and fund year: application, grant notice, interim
report and Verwendungsnachweis between the youth office, the LKS and the state office."""

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Sessions.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralActedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ActedAt",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActedAt",
                table: "Referrals");
        }
    }
}

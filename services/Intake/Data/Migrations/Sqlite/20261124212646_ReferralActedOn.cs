using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralActedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReferralActedAt",
                table: "Intakes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferralActedBy",
                table: "Intakes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReferralActedAt",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "ReferralActedBy",
                table: "Intakes");
        }
    }
}
